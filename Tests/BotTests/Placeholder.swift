import Testing
@Test func placeholderBot() { #expect(true) }
