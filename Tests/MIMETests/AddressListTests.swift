import Testing
@testable import MIME

struct AddressListTests {
    @Test(arguments: [
        ("Ann Teacher <Ann@District.org>", "Ann@District.org", "Ann Teacher"),
        ("\"Teacher, Ann\" <ann@district.org>", "ann@district.org", "Teacher, Ann"),
        ("ann@district.org (Ann Teacher)", "ann@district.org", "Ann Teacher"),
        ("=?UTF-8?B?0KHQu9GD0YfQsNC50L3QsNGP?= <r@x.ru>", "r@x.ru", "Случайная"),
        ("Foo Bar [THIS IS INVALID] <discourse@bar.com>", "discourse@bar.com", "Foo Bar [THIS IS INVALID]"),
        ("\"123@abuse.net\" <123@example.com>", "123@example.com", "123@abuse.net"),
        ("<@route.example:user@final.example>", "user@final.example", nil),
        ("Some One [mailto:some@one.com]", "some@one.com", nil),
    ])
    func readsAMailbox(raw: String, address: String, name: String?) throws {
        let parsed = try #require(AddressList.parse(raw).first)
        #expect(parsed.address == address)
        #expect(parsed.displayName == name)
    }

    @Test func listsGroupsAndCommasInNames() {
        let list = AddressList.parse("Team: a@x.test, \"B, Bee\" <b@x.test>;, Doe, John <jd@x.test>, undisclosed-recipients:;")
        #expect(list.map(\.address) == ["a@x.test", "b@x.test", "jd@x.test"])
        #expect(list.last?.displayName == "Doe, John")
    }

    @Test func entriesWithoutADomainAreLeftOut() {
        #expect(AddressList.parse("MAILER-DAEMON (Mail Delivery System)").isEmpty)
        #expect(AddressList.parse("XX").isEmpty)
        #expect(AddressList.parse("").isEmpty)
    }

    @Test func headerValueQuotesOrEncodesTheName() {
        #expect(MailAddress(displayName: "Lee, Bob", address: "b@x.test").headerValue == "\"Lee, Bob\" <b@x.test>")
        #expect(MailAddress(displayName: "Zoë", address: "z@x.test").headerValue.hasPrefix("=?UTF-8?B?"))
        #expect(MailAddress(address: "z@x.test").headerValue == "z@x.test")
    }
}

struct MailDateTests {
    @Test(arguments: [
        ("Sat, 2 Oct 2021 21:52:36 -0400", "2021-10-03T01:52:36Z"),
        ("2 Oct 21 21:52 EDT", "2021-10-03T01:52:00Z"),
        ("Thu,  7 Apr 2016 19:04:30 +0900 (JST)", "2016-04-07T10:04:30Z"),
        ("Thursday, September 5, 2024 3:14 PM", "2024-09-05T15:14:00Z"),
        ("Mon, Sep 9, 2024 at 10:00 AM", "2024-09-09T10:00:00Z"),
    ])
    func parses(raw: String, iso: String) throws {
        let date = try #require(MailDate.parse(raw))
        #expect(date == ISO8601DateFormatter().date(from: iso))
    }

    @Test func rejectsImpossibleTimes() {
        #expect(MailDate.parse("Mon, 1 Jan 2001 27:00:00 +0000") == nil)
        #expect(MailDate.parse("not a date") == nil)
    }

    @Test func formatsInUTC() {
        #expect(MailDate.format(ISO8601DateFormatter().date(from: "2026-11-29T17:47:51Z")!) == "Sun, 29 Nov 2026 17:47:51 +0000")
    }
}

import Foundation
