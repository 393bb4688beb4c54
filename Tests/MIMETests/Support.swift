import Foundation
@testable import MIME

/// A message from lines joined with CRLF.
func crlf(_ lines: String...) -> [UInt8] { Array(lines.joined(separator: "\r\n").utf8) }

func parse(_ text: String) throws -> MIMEMessage { try MessageParser().parse(Array(text.utf8)) }

/// Test fixture bytes from Tests/MIMETests/Fixtures.
func fixture(_ name: String) throws -> [UInt8] {
    let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil))
    return Array(try Data(contentsOf: url))
}

import Testing
