import Foundation
import MailTestSupport
import Testing
import MIME
@testable import Intake

/// A deterministic mutation fuzzer: every fixture (and ../shared/conformance when present), mutated
/// in ways real mail breaks, through the parser, the intake reader and the PD-log reader. A crash
/// fails the run; an input that takes more than 5 s is reported with its seed as a hang.
/// `MCBOT_FUZZ_ITERATIONS` sets the number of mutants (default 300; ops/test uses 3000; see README
/// for a long run). `MCBOT_FUZZ_SEED` replays one mutant.
@Suite struct FuzzTests {
    static var corpus: [[UInt8]] {
        var files: [URL] = []
        if let fixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil) {
            files += (try? FileManager.default.contentsOfDirectory(at: fixtures, includingPropertiesForKeys: nil)) ?? []
        }
        let shared = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/conformance/public")
        if let walker = FileManager.default.enumerator(at: shared, includingPropertiesForKeys: nil) {
            for case let url as URL in walker where ["eml", "txt"].contains(url.pathExtension) { files.append(url) }
        }
        return files.sorted { $0.path < $1.path }.compactMap { try? Data(contentsOf: $0) }.map { Array($0) }
    }

    /// Reads a message the way the worker does, touching every decoded part.
    static func exercise(_ bytes: [UInt8]) {
        guard let message = try? MessageParser(limits: ParseLimits(maxMessageBytes: 1 << 22)).parse(bytes) else { return }
        let intake = IntakeReader().read(message)
        _ = PDLogReader.read(intake)
        _ = intake.allLinks
        for part in message.parts { _ = part.text(); _ = part.filename }
        for attachment in intake.allAttachments { _ = attachment.bytes() }
    }

    @Test func mutantsNeitherCrashNorHang() throws {
        let corpus = Self.corpus
        #expect(corpus.count >= 20)
        let environment = ProcessInfo.processInfo.environment
        let iterations = Int(environment["MCBOT_FUZZ_ITERATIONS"] ?? "") ?? 300
        let seeds: [UInt64] = environment["MCBOT_FUZZ_SEED"].flatMap(UInt64.init).map { [$0] } ?? (0..<UInt64(iterations)).map { $0 &* 2_654_435_761 &+ 1 }
        let watchdog = Watchdog(limit: 5)
        for seed in seeds {
            var rng = SplitMix(seed: seed)
            let mutant = Mutator.mutate(corpus[Int(rng.next() % UInt64(corpus.count))], other: corpus[Int(rng.next() % UInt64(corpus.count))], rng: &rng)
            watchdog.start(seed: seed)
            Self.exercise(mutant)
            watchdog.stop()
        }
    }

    /// Inputs the fuzzer or review found; each once crashed or misbehaved and must not again.
    @Test(arguments: [
        "Content-Type: multipart/mixed; boundary=\"\"\r\n\r\n--\r\n--\r\n",
        "Content-Type: multipart/mixed; boundary=x\r\n\r\n--x",
        "Subject: =?UTF-8?B?====?= =?UTF-8?Q?=?=\r\n\r\n",
        "Content-Type: message/rfc822\r\n\r\n",
        "Content-Type: text/plain; charset=utf-7\r\n\r\n+AAAA-+",
        "Content-Type: text/html\r\n\r\n<a href=\"https://x.test/<a href=",
        "Content-Type: text/html\r\n\r\n&#xFFFFFFFF;&#55296;&",
        "From: <>\r\nTo: ,,,;;;:::\r\n\r\n",
        "Content-Type: application/ms-tnef\r\nContent-Transfer-Encoding: base64\r\n\r\neJ8+IgEA\r\n",
        "Content-Type: text/csv; name=a.csv\r\n\r\n\"unclosed,1\n",
        "\r\n\r\n\r\n",
    ])
    func regressions(text: String) {
        Self.exercise(Array(text.utf8))
    }
}

/// Aborts the process with the seed when one input runs too long (a hang would otherwise stall CI).
final class Watchdog: @unchecked Sendable {
    private let limit: TimeInterval
    private let lock = NSLock()
    private var current: (seed: UInt64, started: Date)?

    init(limit: TimeInterval) {
        self.limit = limit
        let thread = Thread { [weak self] in
            while let self {
                Thread.sleep(forTimeInterval: 0.5)
                self.lock.lock()
                let running = self.current
                self.lock.unlock()
                if let running, Date().timeIntervalSince(running.started) > self.limit {
                    FileHandle.standardError.write(Data("fuzz: seed \(running.seed) ran more than \(self.limit) s (a hang); replay with MCBOT_FUZZ_SEED=\(running.seed)\n".utf8))
                    abort()
                }
            }
        }
        thread.start()
    }

    func start(seed: UInt64) { lock.withLock { current = (seed, Date()) } }
    func stop() { lock.withLock { current = nil } }
}


/// Mutations shaped like real damage: flipped bytes, cut and repeated chunks, spliced messages,
/// broken boundaries and encodings, NULs, endless lines and deep nesting.
enum Mutator {
    static let tokens: [[UInt8]] = ["--", "\r\n", "\n", "=?", "?=", "=?UTF-8?B?", "=?ISO-8859-1?Q?", "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n",
                                    "Content-Transfer-Encoding: base64\r\n", "Content-Transfer-Encoding: quoted-printable\r\n", "charset=", "filename*0*=",
                                    "<a href=\"", "&#", "https://", "> ", "From: ", "-----Original Message-----\n", "=\r\n", "\u{0}", "\"", "(", "<", ":"]
        .map { Array($0.utf8) }

    static func mutate(_ input: [UInt8], other: [UInt8], rng: inout SplitMix) -> [UInt8] {
        var bytes = input
        for _ in 0..<(1 + rng.below(6)) {
            let at = rng.below(bytes.count + 1)
            switch rng.below(11) {
            case 0: if !bytes.isEmpty { bytes[min(at, bytes.count - 1)] ^= UInt8(1 << rng.below(8)) }
            case 1: bytes.insert(contentsOf: tokens[rng.below(tokens.count)], at: at)
            case 2: let end = min(bytes.count, at + rng.below(200)); bytes.removeSubrange(at..<end)
            case 3: let end = min(bytes.count, at + rng.below(400)); bytes.insert(contentsOf: Array(bytes[at..<end]), at: min(bytes.count, end))
            case 4: let from = rng.below(other.count + 1); bytes.insert(contentsOf: other[from..<min(other.count, from + rng.below(800))], at: at)
            case 5: bytes = Array(bytes.prefix(at))
            case 6: bytes.insert(contentsOf: [UInt8](repeating: UInt8(ascii: "a"), count: rng.below(20_000)), at: at)
            case 7: bytes = bytes.filter { $0 != 13 }
            case 8: bytes.insert(contentsOf: Array(String(repeating: "Content-Type: multipart/mixed; boundary=\"n\"\r\n\r\n--n\r\n", count: rng.below(40)).utf8), at: at)
            case 9: if !bytes.isEmpty { bytes[min(at, bytes.count - 1)] = UInt8(rng.below(256)) }
            default: bytes.insert(contentsOf: [0xFF, 0xFE, 0xC3, 0x28, 0xE2, 0x82], at: at)
            }
        }
        return bytes
    }
}
