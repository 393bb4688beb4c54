import Configuration
import Foundation
import SystemPackage
import Yams

/// One YAML file with `MCBOT_<PREFIX>_<KEY>` environment overrides (`imap.url` -> `MCBOT_IMAP_URL`),
/// read key by key. Collects problems instead of stopping at the first, and rejects keys it does
/// not know so a typo cannot silently fall back to a default.
struct ConfigSource {
    let file: String
    let environmentPrefix: [String]
    private let reader: ConfigReader
    private let environment: [String: String]
    private(set) var problems: [ConfigProblem] = []
    private let presentKeys: Set<String>

    init(file: String, environmentPrefix: [String], environment: [String: String], knownKeys: Set<String>, allowMissingFile: Bool = false) async throws {
        self.file = file
        self.environmentPrefix = environmentPrefix
        self.environment = environment
        var keys = Set<String>()
        var problems: [ConfigProblem] = []
        let exists = FileManager.default.fileExists(atPath: file)
        if !exists && !allowMissingFile {
            throw ConfigError(file: file, problems: [ConfigProblem(
                key: "(file)", problem: "no configuration file at \(file)",
                fix: "Copy Config/mcbot.yaml there, or point --config / MCBOT_CONFIG at yours")])
        }
        if exists {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            do {
                if let node = try Yams.compose(yaml: text) { Self.flatten(node, prefix: "", into: &keys) }
            } catch {
                throw ConfigError(file: file, problems: [ConfigProblem(key: "(file)", problem: "not valid YAML: \(error)", fix: "Fix the syntax at the position shown")])
            }
        }
        for key in keys.sorted() where !knownKeys.contains(key) && !knownKeys.contains(where: { $0.hasSuffix(".*") && key.hasPrefix(String($0.dropLast(1))) }) {
            let suggestion = Self.closest(to: key, in: knownKeys).map { " (did you mean \($0)?)" } ?? ""
            problems.append(ConfigProblem(key: key, problem: "unknown key\(suggestion)", fix: "Remove it or correct its spelling; README lists every key"))
        }
        self.presentKeys = keys
        self.problems = problems
        let env = EnvironmentVariablesProvider(environmentVariables: environment).prefixKeys(with: ConfigKey(environmentPrefix))
        if exists {
            let yaml = try await FileProvider<YAMLSnapshot>(filePath: FilePath(file))
            reader = ConfigReader(providers: [env, yaml])
        } else {
            reader = ConfigReader(providers: [env])
        }
    }

    /// The environment variable that overrides `key`.
    func environmentName(_ key: String) -> String {
        (environmentPrefix + key.split(separator: ".").map(String.init)).joined(separator: "_").uppercased().replacingOccurrences(of: "-", with: "_")
    }

    private func where_(_ key: String) -> String { "Set \(key) in \(file) or \(environmentName(key))" }

    mutating func problem(_ key: String, _ problem: String, _ fix: String) {
        problems.append(ConfigProblem(key: key, problem: problem, fix: fix))
    }

    /// A string value, trimmed; nil (and a problem when required) when absent or empty.
    mutating func string(_ key: String, required: Bool = false, example: String? = nil) -> String? {
        let value = reader.string(forKey: ConfigKey(key))?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let value, !value.isEmpty { return value }
        if required { problem(key, "missing", where_(key) + (example.map { ", for example \($0)" } ?? "")) }
        return nil
    }

    mutating func string(_ key: String, default value: String) -> String { string(key) ?? value }

    mutating func integer(_ key: String, default value: Int, range: ClosedRange<Int>) -> Int {
        guard let text = string(key) else { return value }
        guard let number = Int(text), range.contains(number) else {
            problem(key, "\"\(text)\" is not a whole number from \(range.lowerBound) to \(range.upperBound)", where_(key))
            return value
        }
        return number
    }

    mutating func number(_ key: String, default value: Double, range: ClosedRange<Double>) -> Double {
        guard let text = string(key) else { return value }
        guard let number = Double(text), range.contains(number) else {
            problem(key, "\"\(text)\" is not a number from \(range.lowerBound) to \(range.upperBound)", where_(key))
            return value
        }
        return number
    }

    mutating func boolean(_ key: String, default value: Bool) -> Bool {
        guard let text = string(key)?.lowercased() else { return value }
        switch text {
        case "true", "yes", "on", "1": return true
        case "false", "no", "off", "0": return false
        default:
            problem(key, "\"\(text)\" is not true or false", where_(key))
            return value
        }
    }

    mutating func list(_ key: String, default value: [String] = []) -> [String] {
        if let array = reader.stringArray(forKey: ConfigKey(key)) {
            return array.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        if let single = string(key) { return single.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        return value
    }

    /// A path; relative paths are taken from the config file's directory.
    mutating func path(_ key: String, default value: String? = nil, required: Bool = false) -> String? {
        guard let raw = string(key) ?? value else {
            if required { problem(key, "missing", where_(key)) }
            return nil
        }
        if raw.hasPrefix("/") { return raw }
        let base = (file as NSString).deletingLastPathComponent
        return ((base.isEmpty ? "." : base) as NSString).appendingPathComponent(raw)
    }

    /// A secret: only from `MCBOT_..._KEY` or the file named by `MCBOT_..._KEY_FILE`, never the config file.
    mutating func secret(_ key: String, required: Bool) -> String? {
        let name = environmentName(key)
        if presentKeys.contains(key) {
            problem(key, "secrets must not be written in the configuration file", "Remove it from \(file) and set \(name) or \(name)_FILE instead")
        }
        if let value = environment[name], !value.isEmpty { return value }
        if let path = environment[name + "_FILE"], !path.isEmpty {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                problem(key, "cannot read the file named by \(name)_FILE (\(path))", "Check that the file exists and mcbot may read it")
                return nil
            }
            return text.trimmingCharacters(in: .newlines)
        }
        if required { problem(key, "missing", "Set \(name), or \(name)_FILE naming a file that holds it") }
        return nil
    }

    private static func flatten(_ node: Node, prefix: String, into keys: inout Set<String>) {
        if let mapping = node.mapping {
            for (k, v) in mapping {
                guard let name = k.string else { continue }
                let full = prefix.isEmpty ? name : prefix + "." + name
                if v.mapping != nil { flatten(v, prefix: full, into: &keys) } else { keys.insert(full) }
            }
        }
    }

    private static func closest(to key: String, in known: Set<String>) -> String? {
        let scored = known.filter { !$0.hasSuffix(".*") }.map { ($0, distance(key, $0)) }.min { $0.1 < $1.1 }
        guard let best = scored, best.1 <= max(2, key.count / 4) else { return nil }
        return best.0
    }

    private static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in 1...max(b.count, 1) where !b.isEmpty {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return row[b.count]
    }
}
