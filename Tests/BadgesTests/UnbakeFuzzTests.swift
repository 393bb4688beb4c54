import Badges
import Foundation
import MailTestSupport
import Testing

/// Damaged badge files never crash or hang the unbaker: flipped bytes, cuts, repeats and splices of
/// baked PNGs and SVGs. Deterministic; `MCBOT_FUZZ_ITERATIONS` and `MCBOT_FUZZ_SEED` as in IntakeTests.
struct UnbakeFuzzTests {
    static let seeds: [[UInt8]] = {
        let json = BadgeBaker.assertionJSON(badgeName: "Growth & Mindset", email: "ann@district.test")
        return [
            BadgeBaker.png(award: json),
            BadgeBaker.png([.latin1Text(keyword: "openbadges", text: "https://badges.example.test/a.json")]),
            BadgeBaker.svg(award: json, verify: "https://badges.example.test/a1"),
            BadgeBaker.svg(award: "eyJhIjoxfQ.eyJ0eXBlIjoiQXNzZXJ0aW9uIn0.c2ln", prefix: "ob"),
        ]
    }()

    @Test func mutantsAreReadSafely() {
        let iterations = Int(ProcessInfo.processInfo.environment["MCBOT_FUZZ_ITERATIONS"] ?? "") ?? 2000
        var random = SplitMix(seed: UInt64(ProcessInfo.processInfo.environment["MCBOT_FUZZ_SEED"] ?? "") ?? 0xBAD6E)
        var read = 0
        for _ in 0..<iterations {
            var bytes = Self.seeds[random.below(Self.seeds.count)]
            for _ in 0...random.below(4) {
                guard !bytes.isEmpty else { break }
                let at = random.below(bytes.count)
                switch random.below(5) {
                case 0: bytes[at] = UInt8(truncatingIfNeeded: random.next())
                case 1: bytes.removeSubrange(at..<min(bytes.count, at + random.below(64) + 1))
                case 2: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + random.below(64) + 1)], at: at)
                case 3: bytes = Array(bytes[..<at])
                default: bytes.insert(contentsOf: Self.seeds[random.below(Self.seeds.count)].prefix(random.below(200)), at: at)
                }
            }
            if BakedBadge.unbake(bytes) != nil { read += 1 }
        }
        #expect(read > 0, "some mutants still carry a readable badge, so the reader was exercised past the signature")
    }
}
