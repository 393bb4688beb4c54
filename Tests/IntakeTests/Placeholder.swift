import Testing
@Test func placeholderIntake() { #expect(true) }
