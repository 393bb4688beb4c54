import Testing
@Test func placeholderMIME() { #expect(true) }
