import Foundation
import Testing
@testable import Policy

/// Every statement of the district FAQ (seed/000_ffb361d18d2109b8.txt), as the validator applies it.
/// Each test's name quotes the statement it checks.
@Suite("District FAQ")
struct FAQRuleTests {
    // "When are microcredentials due? ... you must submit your MC badges ... by October 1st."
    @Test("FAQ: badges are due by October 1st — the edge in the district's time zone", arguments: [
        ("2025-10-01 23:59", Outcome.counted, 2025),
        ("2025-10-02 00:00", Outcome.banked, 2026),
        ("2025-07-01 00:00", Outcome.counted, 2025),
        ("2025-06-30 23:59", Outcome.banked, 2025),
    ])
    func deadlineIsTheEndOfOctoberFirst(at: String, outcome: Outcome, year: Int) throws {
        let result = try #require(decide([badge("alpha")], at: at).badges.first)
        #expect(result.outcome == outcome)
        #expect(result.year == ContractYear(startYear: year))
    }

    @Test("FAQ: a badge on October 1 at 23:59 in Chicago counts even though it is October 2 in UTC")
    func utcDoesNotDecide() throws {
        // 2025-10-02 04:59 UTC is still 23:59 on October 1 in Chicago.
        let instant = ISO8601DateFormatter().date(from: "2025-10-02T04:59:00Z")!
        let d = Validator(rules: faqRules(), approved: approvedList).decide(SubmissionContext(receivedAt: instant, evidence: [badge("alpha")]))
        #expect(d.badges.first?.outcome == .counted)
    }

    // "How many micro-credential(s) can I do? You may complete five (5) micro-credentials per year."
    @Test("FAQ: five (5) micro-credentials per year — the 5th counts, the 6th is banked")
    func capOfFive() throws {
        let four = ["alpha", "beta", "gamma", "delta"].map { counted($0, in: 2025) }
        let fifth = try #require(decide([badge("epsilon")], at: "2025-09-10 09:00", history: four).badges.first)
        #expect(fifth.outcome == .counted)
        #expect(fifth.countInYear == 5)
        let sixth = try #require(decide([badge("zeta")], at: "2025-09-10 09:00", history: four + [counted("epsilon", in: 2025)]).badges.first)
        #expect(sixth.outcome == .banked)
        #expect(sixth.reason == .overCap(countedAlready: 5))
        #expect(sixth.year == ContractYear(startYear: 2026))
    }

    @Test("FAQ: five per year — six badges in one message give five counted and one banked")
    func sixInOneMessage() {
        let d = decide(["alpha", "beta", "gamma", "delta", "epsilon", "zeta"].map { badge($0) }, at: "2025-09-10 09:00")
        #expect(d.badges.map(\.outcome) == [.counted, .counted, .counted, .counted, .counted, .banked])
        #expect(d.badges.map(\.countInYear) == [1, 2, 3, 4, 5, nil])
    }

    // "You may complete more than 5 ... you will not be able to submit the badges until ... after July 1, 2025,
    //  and will not be compensated for those until November of 2025."
    @Test("FAQ: work ahead — extra badges count after July 1 and are paid that November")
    func bankingPaysNextNovember() throws {
        let five = ["alpha", "beta", "gamma", "delta", "epsilon"].map { counted($0, in: 2024, at: "2024-08-01 10:00") }
        let extra = try #require(decide([badge("zeta")], at: "2025-03-01 10:00", history: five).badges.first)
        #expect(extra.outcome == .banked)
        #expect(extra.year == ContractYear(startYear: 2025))
        #expect(extra.paymentMonth?.description == "November 2025")
        #expect(ContractYear(startYear: 2025).name == "2025–26")
    }

    @Test("FAQ: work ahead — on July 1 banked badges count, oldest first, up to five; the rest stay banked")
    func rolloverOldestFirst() throws {
        let bankedSix = (0..<6).map { n in banked(["alpha", "beta", "gamma", "delta", "epsilon", "zeta"][n], for: 2025, at: "2025-0\(n + 1)-10 10:00", id: Int64(n + 1)) }
        let plan = try #require(Validator(rules: faqRules(), approved: approvedList).rollOver(into: ContractYear(startYear: 2025), ledger: bankedSix.reversed()))
        #expect(plan.applied.map(\.badge.id) == [1, 2, 3, 4, 5])
        #expect(plan.applied.map(\.countInYear) == [1, 2, 3, 4, 5])
        #expect(plan.stillBanked.map(\.id) == [6])
    }

    @Test("FAQ: work ahead — a badge banked two years back is applied before newer ones")
    func bankedFromTwoYearsBack() throws {
        let ledger = [banked("beta", for: 2026, at: "2026-03-01 10:00", id: 2), banked("alpha", for: 2024, at: "2023-11-01 10:00", id: 1),
                      counted("gamma", in: 2026, id: 9), counted("delta", in: 2026, id: 10), counted("epsilon", in: 2026, id: 11), counted("zeta", in: 2026, id: 12)]
        let plan = try #require(Validator(rules: faqRules(), approved: approvedList).rollOver(into: ContractYear(startYear: 2026), ledger: ledger))
        #expect(plan.applied.map(\.badge.id) == [1])
        #expect(plan.applied.first?.countInYear == 5)
        #expect(plan.stillBanked.map(\.id) == [2])
    }

    @Test("FAQ: work ahead — with auto-apply off, nothing rolls over and a resubmission after July 1 counts")
    func resubmitAfterJulyFirst() throws {
        let rules = faqRules(autoApply: false)
        let bankedOne = banked("alpha", for: 2025, at: "2025-03-01 10:00", id: 42)
        #expect(Validator(rules: rules, approved: approvedList).rollOver(into: ContractYear(startYear: 2025), ledger: [bankedOne]) == nil)
        let again = try #require(decide([badge("alpha", "old")], at: "2025-07-01 08:00", history: [bankedOne], rules: rules).badges.first)
        #expect(again.outcome == .counted)
        if case .bankedApplied(_, let recordID) = again.reason { #expect(recordID == 42) } else { Issue.record("not applied: \(again.reason)") }
        let tooEarly = try #require(decide([badge("alpha", "old")], at: "2025-06-30 08:00", history: [bankedOne], rules: rules).badges.first)
        #expect(tooEarly.outcome == .duplicate)
    }

    // "the approved list of available microcredentials is fluid and will be changing. Some may be taken off ..."
    @Test("FAQ: the list is fluid — an MC removed from the list is not approved after its removal")
    func removedFromList() throws {
        let before = try #require(decide([badge("retired")], at: "2025-08-14 10:00").badges.first)
        #expect(before.outcome == .counted)
        let after = try #require(decide([badge("retired")], at: "2025-08-15 10:00").badges.first)
        #expect(after.outcome == .notApproved)
        #expect(after.reason == .removedFromList(on: CalendarDay("2025-08-15")!))
    }

    @Test("FAQ: an MC never on the list is not approved")
    func neverListed() throws {
        let e = EvidenceClassifier(approved: approvedList, providers: faqRules().providers).classify(links: ["https://badges.dp.test/basket-weaving/1"], files: [])
        let d = try #require(decide(e, at: "2025-09-01 10:00").badges.first)
        #expect(d.outcome == .notApproved)
        #expect(d.reason == .notOnList)
        #expect(d.mcTitle == "Basket Weaving")
    }

    // "As long as it is on the approved list, you cannot be denied."
    @Test("FAQ: as long as it is on the approved list, you cannot be denied — declared intent outlives removal")
    func intentKeepsApproval() throws {
        let d = try #require(decide([badge("retired")], at: "2025-09-01 10:00", intents: ["retired": CalendarDay("2025-07-20")!]).badges.first)
        #expect(d.outcome == .counted)
        #expect(d.reason == .approvedByIntent(declaredOn: CalendarDay("2025-07-20")!, removedOn: CalendarDay("2025-08-15")!))
        let late = try #require(decide([badge("retired")], at: "2025-09-01 10:00", intents: ["retired": CalendarDay("2025-08-20")!]).badges.first)
        #expect(late.outcome == .notApproved, "declared after it left the list")
    }

    @Test("FAQ: approval is judged at the badge's issue date when there is no declaration")
    func judgedAtIssueDate() throws {
        var e = badge("retired")
        e.issuedOn = CalendarDay("2025-08-01")
        #expect(decide([e], at: "2025-09-01 10:00").badges.first?.outcome == .counted)
    }

    // "For each MC you complete and pass, the provider will give you a “badge” ... You are responsible for submitting these badges"
    @Test("FAQ: the badge is the proof — a catalog page is not a badge")
    func catalogPageNeedsMore() throws {
        let e = EvidenceClassifier(approved: approvedList, providers: faqRules().providers).classify(links: ["https://catalog.dp.test/alpha"], files: [])
        let d = try #require(decide(e, at: "2025-09-01 10:00").badges.first)
        #expect(d.outcome == .needsMore)
        #expect(d.reason == .catalogPage)
    }

    @Test("FAQ: the badge is the proof — a certificate PDF goes to HR review")
    func certificateToReview() throws {
        let e = EvidenceClassifier(approved: approvedList, providers: []).classify(links: [], files: [.init(filename: "certificate.pdf", contentType: "application/pdf", sha256: "abc")])
        let d = try #require(decide(e, at: "2025-09-01 10:00").badges.first)
        #expect(d.outcome == .needsReview)
        #expect(d.reviewer == .hr)
    }

    @Test("FAQ: the badge is the proof — a message with no badge asks for one")
    func noBadge() {
        #expect(decide([], at: "2025-09-01 10:00").notes == [.noBadgeFound])
        #expect(decide([], at: "2025-09-01 10:00").outcomes == [.needsMore])
    }

    // "each individual will need to submit their own evidence and work."
    @Test("FAQ: each individual submits their own work — a badge another teacher sent goes to HR")
    func ownWork() throws {
        let e = badge("alpha", "shared")
        let d = try #require(decide([e], at: "2025-09-01 10:00", claimed: [e.key]).badges.first)
        #expect(d.outcome == .needsReview)
        #expect(d.reason == .claimedByAnotherTeacher)
    }

    @Test("FAQ: the same badge twice from one teacher is already recorded, not counted twice")
    func sameTeacherTwice() throws {
        let e = badge("alpha", "mine")
        var earlier = counted("alpha", in: 2025)
        earlier.badgeKey = e.key
        let d = try #require(decide([e], at: "2025-09-01 10:00", history: [earlier]).badges.first)
        #expect(d.outcome == .duplicate)
        let sameMCOtherLink = try #require(decide([badge("alpha", "other")], at: "2025-09-01 10:00", history: [earlier]).badges.first)
        #expect(sameMCOtherLink.outcome == .duplicate, "an MC is earned once")
        let twiceInOneMessage = decide([e, e], at: "2025-09-01 10:00")
        #expect(twiceInOneMessage.badges.map(\.outcome) == [.counted, .duplicate])
    }

    // "For each completed micro-credential, you can receive up to 8 professional development hours."
    @Test("FAQ: up to 8 PD hours per MC", arguments: [(7.5, 7.5, false), (8, 8, false), (12, 8, true)])
    func pdHoursCap(logged: Double, credited: Double, capped: Bool) throws {
        let d = try #require(decide([badge("alpha")], at: "2025-09-01 10:00", pd: [PDHoursStatement(hours: logged, source: "your message")]).badges.first)
        #expect(d.pdHours?.credited == credited)
        #expect(d.pdHours?.wasCapped == capped)
    }

    // "A log of hours must be submitted at the time that the micro-credential is completed."
    @Test("FAQ: a log of hours must be submitted — missing, the MC counts and the log is asked for")
    func pdLogMissing() throws {
        let d = decide([badge("alpha")], at: "2025-09-01 10:00")
        #expect(d.badges.first?.outcome == .counted)
        #expect(d.badges.first?.pdHours?.state == .pending)
        #expect(d.outcomes == [.counted, .needsMore])
    }

    @Test("FAQ: a log of hours sent later in the same thread is credited to the waiting MC")
    func pdLogLater() throws {
        var waiting = counted("alpha", in: 2025)
        waiting.pdHoursPending = true
        let d = decide([], at: "2025-09-03 10:00", pd: [PDHoursStatement(hours: 9, source: "your message")], pending: [waiting])
        #expect(d.pdUpdates.count == 1)
        #expect(d.pdUpdates.first?.decision.credited == 8)
        #expect(d.notes.isEmpty)
    }

    @Test("FAQ: hours for several MCs must say which MC they are for")
    func pdHoursPerMC() {
        let two = decide([badge("alpha"), badge("beta")], at: "2025-09-01 10:00", pd: [PDHoursStatement(hours: 6, source: "m")])
        #expect(two.badges.map { $0.pdHours?.state } == [.ambiguous, .ambiguous])
        let named = decide([badge("alpha"), badge("beta")], at: "2025-09-01 10:00",
                           pd: [PDHoursStatement(hours: 6, mcHint: "Alpha", source: "log"), PDHoursStatement(hours: 4, mcHint: "beta", source: "log")])
        #expect(named.badges.map { $0.pdHours?.credited } == [6, 4])
    }

    // "if ... the micro-credential is suddenly removed from the Digital Promise or NEA website, contact members of the Professional Growth Team"
    @Test("FAQ: an MC that vanished from the provider's site goes to the Professional Growth Team")
    func vanishedMC() {
        let d = decide([], at: "2025-09-01 10:00", topics: QuestionTopic.detect(in: "The micro-credential disappeared from the website before I could submit"))
        #expect(d.notes.contains(.vanishedMC))
        #expect(d.reviewers == [.professionalGrowthTeam])
    }

    // "Are we refunded for the cost ...? No." / "Can we submit the cost for discretionary funds? No."
    @Test("FAQ: fees are not refunded, and not payable from discretionary funds — answered, pointing to HR", arguments: [
        ("Will I be refunded the fee?", QuestionTopic.fees),
        ("Can I use discretionary funds for the cost?", .discretionaryFunds),
        ("Can I do graduate coursework too?", .coursework),
        ("When is the deadline?", .deadline),
        ("Do I need the approval form first?", .approval),
    ])
    func questionsAreAnswered(text: String, topic: QuestionTopic) {
        let d = decide([], at: "2025-09-01 10:00", topics: QuestionTopic.detect(in: text))
        #expect(d.notes == [.answered([topic])])
        #expect(d.outcomes == [.answer])
    }
}

@Suite("Calendar edges")
struct CalendarEdgeTests {
    let calendar = faqRules().calendar

    @Test func juneThirtiethAndJulyFirst() {
        #expect(calendar.contractYear(containing: CalendarDay("2025-06-30")!) == ContractYear(startYear: 2024))
        #expect(calendar.contractYear(containing: CalendarDay("2025-07-01")!) == ContractYear(startYear: 2025))
    }

    @Test func leapYears() {
        let leapClose = SubmissionCalendar(contractYearStart: MonthDay("07-01")!, windowClose: MonthDay("02-29")!, compensationMonth: 11, timeZone: TimeZone(identifier: "UTC")!)
        #expect(leapClose.lastDayOfWindow(ContractYear(startYear: 2023)) == CalendarDay("2024-02-29"))
        #expect(leapClose.lastDayOfWindow(ContractYear(startYear: 2024)) == CalendarDay("2025-02-28"))
        #expect(leapClose.isInWindow(CalendarDay("2024-02-29")!))
        #expect(!leapClose.isInWindow(CalendarDay("2025-03-01")!))
        #expect(CalendarDay("2025-02-29") == nil)
        #expect(CalendarDay("2024-02-28")!.adding(days: 1) == CalendarDay("2024-02-29"))
    }

    @Test func paymentMonthFollowsTheContractYear() {
        #expect(calendar.paymentMonth(of: ContractYear(startYear: 2025)).description == "November 2025")
        let january = SubmissionCalendar(contractYearStart: MonthDay("07-01")!, windowClose: MonthDay("10-01")!, compensationMonth: 1, timeZone: TimeZone(identifier: "UTC")!)
        #expect(january.paymentMonth(of: ContractYear(startYear: 2025)).description == "January 2026")
    }

    @Test func monthDaysParseInHRsFormats() {
        #expect(MonthDay("07-01") == MonthDay(month: 7, day: 1))
        #expect(MonthDay("10/1") == MonthDay(month: 10, day: 1))
        #expect(MonthDay("October 1") == MonthDay(month: 10, day: 1))
        #expect(MonthDay("13-01") == nil)
    }

    @Test func urlPatterns() {
        let p = URLPattern("badges.dp.test/{mc}/*")
        #expect(p.matches("https://www.badges.dp.test/alpha/123?x=1#f"))
        #expect(p.capture("https://badges.dp.test/alpha/123") == "alpha")
        #expect(!p.matches("https://badges.dp.test.evil.example/alpha/1"))
        #expect(URLPattern("example.org/exact").matches("http://EXAMPLE.org/exact/"))
    }
}

@Suite("Sender standing")
struct SenderStandingTests {
    let policy = SenderPolicy(rules: faqRules())

    @Test func rosterDistrictAndOutsiders() {
        #expect(policy.standing(fromAddress: "ann@district.org", teacherID: 7, authentication: .unknown, forwardedFrom: nil) == .teacher(id: 7))
        #expect(policy.standing(fromAddress: "new@district.org", teacherID: nil, authentication: .unknown, forwardedFrom: nil) == .unknownDistrictSender)
        #expect(policy.standing(fromAddress: "x@gmail.com", teacherID: nil, authentication: .unknown, forwardedFrom: nil) == .unknownOutsider)
        #expect(!SenderStanding.unknownOutsider.mayReply)
        #expect(policy.standing(fromAddress: "ann@district.org", teacherID: 7, authentication: .fail, forwardedFrom: nil) == .failedAuthentication)
    }

    @Test func hrForwardsNeedAuthenticationAndARosterAuthor() {
        #expect(policy.standing(fromAddress: "hr@district.org", teacherID: nil, authentication: .pass, forwardedFrom: ("ann@district.org", 7)) == .hrForward(teacherID: 7))
        if case .unverifiedForward = policy.standing(fromAddress: "hr@district.org", teacherID: nil, authentication: .unknown, forwardedFrom: ("ann@district.org", 7)) {} else {
            Issue.record("an unauthenticated forward was trusted")
        }
        if case .unverifiedForward = policy.standing(fromAddress: "hr@district.org", teacherID: nil, authentication: .pass, forwardedFrom: ("x@gmail.com", nil)) {} else {
            Issue.record("a forward of a stranger's mail was attributed")
        }
    }

    @Test func onlyTheTrustedServersVerdictCounts() {
        let headers = ["evil.example; dmarc=pass", "mx.district.org; spf=pass; dkim=pass header.d=district.org; dmarc=fail"]
        #expect(AuthenticationVerdict.from(headers: headers, trustedServers: ["mx.district.org"], fromDomain: "district.org") == .fail)
        #expect(AuthenticationVerdict.from(headers: ["mx.district.org; dmarc=pass"], trustedServers: [], fromDomain: "district.org") == .unknown)
        #expect(AuthenticationVerdict.from(headers: ["mx.district.org; dkim=pass header.d=district.org"], trustedServers: ["mx.district.org"], fromDomain: "district.org") == .pass)
    }

    @Test("A thank-you in reply to mcbot is recorded, not answered; the same words in a new message are")
    func acknowledgementsAreNotAnswered() {
        let thanks = Validator(rules: faqRules(), approved: approvedList).decide(SubmissionContext(receivedAt: chicago("2025-09-10 09:00"), evidence: [], repliesToBot: true))
        #expect(thanks.notes == [.acknowledgement])
        #expect(thanks.outcomes.isEmpty)
        #expect(!thanks.needsAnswer)
        let fresh = Validator(rules: faqRules(), approved: approvedList).decide(SubmissionContext(receivedAt: chicago("2025-09-10 09:00"), evidence: []))
        #expect(fresh.notes == [.noBadgeFound] && fresh.needsAnswer)
        let question = Validator(rules: faqRules(), approved: approvedList).decide(SubmissionContext(
            receivedAt: chicago("2025-09-10 09:00"), evidence: [], questionTopics: [.fees], repliesToBot: true))
        #expect(question.needsAnswer, "a question in the conversation is answered")
    }
}
