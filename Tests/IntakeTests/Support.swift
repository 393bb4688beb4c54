import Foundation
import Testing
import MIME
@testable import Intake

/// Reads a fixture of Tests/IntakeTests/Fixtures.
func intake(_ name: String) throws -> Intake {
    let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: "eml"))
    let bytes = Array(try Data(contentsOf: url))
    return IntakeReader().read(try MessageParser().parse(bytes))
}

func intake(text: String) throws -> Intake {
    IntakeReader().read(try MessageParser().parse(Array(text.utf8)))
}
