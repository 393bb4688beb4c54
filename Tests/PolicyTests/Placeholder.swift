import Testing
@Test func placeholderPolicy() { #expect(true) }
