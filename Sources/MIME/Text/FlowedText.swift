/// format=flowed (RFC 3676): joins soft-broken lines back into paragraphs.
public enum FlowedText {
    public static func unflow(_ text: String, deleteSpace: Bool) -> String {
        var output: [Substring] = []
        var paragraph = ""
        var paragraphDepth = -1
        var open = false
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = rawLine
            var depth = 0
            while line.first == ">" { depth += 1; line = line.dropFirst() }
            if line.first == " " { line = line.dropFirst() }  // space-stuffing
            let isSignatureSeparator = line == "-- "
            let isSoft = line.hasSuffix(" ") && !isSignatureSeparator
            if open && depth != paragraphDepth {
                output.append(Substring(String(repeating: ">", count: paragraphDepth) + (paragraphDepth > 0 ? " " : "") + paragraph))
                paragraph = ""
                open = false
            }
            var content = line
            if isSoft && deleteSpace { content = content.dropLast() }
            paragraph += content
            paragraphDepth = depth
            if isSoft {
                open = true
            } else {
                output.append(Substring(String(repeating: ">", count: depth) + (depth > 0 ? " " : "") + paragraph))
                paragraph = ""
                open = false
            }
        }
        if open { output.append(Substring(String(repeating: ">", count: paragraphDepth) + (paragraphDepth > 0 ? " " : "") + paragraph)) }
        return output.joined(separator: "\n")
    }
}
