import Foundation
import Mustache

/// The reply templates of `templates/` (Mustache, plain text). Every template mcbot uses must be
/// there at start-up; a template that fails to parse stops start-up with its file name.
public struct TemplateLibrary: Sendable {
    private let library: MustacheLibrary

    /// The templates mcbot renders; README describes each.
    public static let required = ["reply", "review", "quarantine", "district-account", "rollover", "reminder"]

    public struct Problem: Error, CustomStringConvertible {
        public let description: String
    }

    public init(directory: String) async throws {
        do {
            library = try await MustacheLibrary(directory: directory)
        } catch let error as MustacheLibrary.ParserError {
            throw Problem(description: "template \(error.filename) does not parse: \(error.error) at line \(error.context.lineNumber)")
        }
        let missing = Self.required.filter { library.getTemplate(named: $0) == nil }
        if !missing.isEmpty {
            throw Problem(description: "templates missing from \(directory): \(missing.map { $0 + ".mustache" }.joined(separator: ", "))")
        }
    }

    /// Renders `name` with `context`, removing the blank-line runs that optional sections leave.
    public func render(_ name: String, _ context: [String: Any]) -> String {
        let raw = library.render(context, withTemplate: name) ?? ""
        var lines: [Substring] = []
        for line in raw.split(separator: "\n", omittingEmptySubsequences: false) {
            let blank = line.trimmingCharacters(in: .whitespaces).isEmpty
            if blank, let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            lines.append(blank ? "" : Substring(line.reversed().drop { $0 == " " }.reversed()))
        }
        while let first = lines.first, first.isEmpty { lines.removeFirst() }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }
}
