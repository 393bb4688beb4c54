import Foundation
import Intake
import MIME

/// Parser benchmark, doing the work of ../shared/bench's references: parse each message, walk every
/// part, decode every leaf, read Subject and From. Prints one line per measurement.
///
///   mcbot-bench parse REPEAT FILE...    throughput (add MCBOT_BENCH_INTAKE=1 to also run the intake reader)
///   mcbot-bench memory FILE             peak resident memory while reading one message whole
///   mcbot-bench flat FILE...            resident memory after each tenth of the files, parsed once each

func readAll(_ paths: [String]) -> [[UInt8]] {
    paths.compactMap { path -> [UInt8]? in
        guard let handle = fopen(path, "rb") else { return nil }
        defer { fclose(handle) }
        fseek(handle, 0, SEEK_END)
        let size = ftell(handle)
        fseek(handle, 0, SEEK_SET)
        return [UInt8](unsafeUninitializedCapacity: size) { buffer, count in count = fread(buffer.baseAddress, 1, size, handle) }
    }
}

/// The same work as the reference programs; returns the decoded byte count so nothing is optimised away.
@inline(never)
func work(_ bytes: [UInt8], intake: Bool) -> Int {
    guard let message = try? MessageParser(limits: ParseLimits(maxMessageBytes: .max)).parse(bytes) else { return 0 }
    var decoded = 0
    for part in message.parts where part.children.isEmpty {
        if part.contentType.isText { decoded += part.text()?.utf8.count ?? 0 } else { decoded += part.decodedBody().count }
    }
    decoded += (message.subject?.utf8.count ?? 0) + message.from.count
    if intake { decoded += IntakeReader().read(message).links.count }
    return decoded
}

/// Resident and peak resident memory in bytes, from /proc/self/status.
func memory() -> (rss: Int, peak: Int) {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return (0, 0) }
    func value(_ key: String) -> Int {
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(key) }) else { return 0 }
        return (Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "0") ?? 0) * 1024
    }
    return (value("VmRSS:"), value("VmHWM:"))
}

let args = CommandLine.arguments
guard args.count >= 3 else {
    FileHandle.standardError.write(Data("usage: mcbot-bench parse REPEAT FILE... | memory FILE | flat FILE...\n".utf8))
    exit(2)
}
switch args[1] {
case "parse":
    let repeatCount = Int(args[2]) ?? 1
    let blobs = readAll(Array(args.dropFirst(3)))
    let size = blobs.reduce(0) { $0 + $1.count }
    let intake = ProcessInfo.processInfo.environment["MCBOT_BENCH_INTAKE"] == "1"
    var sink = 0
    let start = DispatchTime.now().uptimeNanoseconds
    for _ in 0..<repeatCount { for blob in blobs { sink &+= work(blob, intake: intake) } }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    print(String(format: "mcbot%@: %d msgs, %.1f KB, %.2f MB/s, %.0f msgs/s (decoded %d bytes)", intake ? "+intake" : "", blobs.count, Double(size) / 1024,
                 Double(size * repeatCount) / seconds / 1e6, Double(blobs.count * repeatCount) / seconds, sink / max(repeatCount, 1)))
case "memory":
    let before = memory()
    let blob = readAll([args[2]])[0]
    let loaded = memory()
    let decoded = work(blob, intake: true)
    let after = memory()
    print(String(format: "mcbot memory: message %.1f MB; resident before reading %.1f MB; peak while reading it whole %.1f MB above that = %.2fx the message (decoded %d bytes; file buffer %.1f MB)",
                 Double(blob.count) / 1e6, Double(before.rss) / 1e6, Double(after.peak - before.rss) / 1e6, Double(after.peak - before.rss) / Double(blob.count),
                 decoded, Double(loaded.rss - before.rss) / 1e6))
case "flat":
    let paths = Array(args.dropFirst(2))
    var samples: [Int] = []
    var sink = 0
    let step = max(1, paths.count / 10)
    for (n, path) in paths.enumerated() {
        if let blob = readAll([path]).first { sink &+= work(blob, intake: true) }
        if (n + 1) % step == 0 { samples.append(memory().rss) }
    }
    let mb = samples.map { String(format: "%.1f", Double($0) / 1e6) }.joined(separator: " ")
    let growth = Double((samples.last ?? 0) - (samples.dropFirst().first ?? samples.first ?? 0)) / 1e6
    print(String(format: "mcbot flat: resident MB after each tenth of %d messages: %@ (growth from the 2nd to the last sample: %+.1f MB; sink %d)",
                 paths.count, mb, growth, sink))
default:
    FileHandle.standardError.write(Data("unknown mode \(args[1])\n".utf8))
    exit(2)
}
