import Foundation
@testable import Policy

/// The district FAQ's rules, as Config/policy.yaml sets them.
func faqRules(autoApply: Bool = true, windowClose: String = "10-01", contractStart: String = "07-01") -> PolicyRules {
    PolicyRules(
        calendar: SubmissionCalendar(
            contractYearStart: MonthDay(contractStart)!, windowClose: MonthDay(windowClose)!, compensationMonth: 11,
            timeZone: TimeZone(identifier: "America/Chicago")!),
        capPerYear: 5, pdHoursPerMC: 8, autoApplyBanked: autoApply, reminderDays: [MonthDay("09-01")!],
        contacts: .init(
            hr: [.init(name: "HR", email: "hr@district.org")], pdHours: .init(name: "PD", email: "pd@district.org"),
            professionalGrowthTeam: [.init(name: "Bryce Cann", email: "bc@district.org")], website: "https://district.org/mc",
            approvalForm: "https://forms.example/mc"),
        providers: [Provider(id: "dp", name: "Digital Promise", badgePatterns: ["badges.dp.test/{mc}/*", "badgr.test/assertions/*"],
                             catalogPatterns: ["catalog.dp.test/*"])],
        districtDomains: ["district.org"])
}

/// Eight MCs on the list since 2024-07-01 (badge class ids `https://issuer.dp.test/classes/<slug>`);
/// "retired" was removed on 2025-08-15.
let approvedList = ApprovedList(
    ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta"].map { slug in
        ApprovedPeriod(mcID: slug, provider: "dp", title: slug.capitalized, badgePatterns: [URLPattern("badges.dp.test/\(slug)/*")],
                       badgeClassIDs: ["https://issuer.dp.test/classes/\(slug)"], addedOn: CalendarDay("2024-07-01")!)
    } + [ApprovedPeriod(mcID: "retired", provider: "dp", title: "Retired", badgePatterns: [URLPattern("badges.dp.test/retired/*")],
                        badgeClassIDs: ["https://issuer.dp.test/classes/retired"], addedOn: CalendarDay("2024-07-01")!, removedOn: CalendarDay("2025-08-15")!)])

/// An instant in the district's time zone: "2025-10-01 23:59".
func chicago(_ text: String) -> Date {
    let f = DateFormatter()
    f.locale = Locale(identifier: "en_US_POSIX")
    f.timeZone = TimeZone(identifier: "America/Chicago")
    f.dateFormat = "yyyy-MM-dd HH:mm"
    return f.date(from: text)!
}

func badge(_ slug: String, _ id: String = UUID().uuidString.prefix(6).lowercased()) -> Evidence {
    let url = "https://badges.dp.test/\(slug)/\(id)"
    return EvidenceClassifier(approved: approvedList, providers: faqRules().providers).classify(links: [url], files: []).first!
}

func counted(_ slug: String, in year: Int, at: String = "2025-08-01 10:00", id: Int64 = Int64.random(in: 1...1_000_000)) -> RecordedBadge {
    RecordedBadge(id: id, badgeKey: "badges.dp.test/\(slug)/old", mcID: slug, mcTitle: slug.capitalized, status: .counted(ContractYear(startYear: year)), receivedAt: chicago(at))
}

func banked(_ slug: String, for year: Int, at: String, id: Int64 = Int64.random(in: 1...1_000_000)) -> RecordedBadge {
    RecordedBadge(id: id, badgeKey: "badges.dp.test/\(slug)/old", mcID: slug, mcTitle: slug.capitalized, status: .banked(for: ContractYear(startYear: year)), receivedAt: chicago(at))
}

func decide(_ evidence: [Evidence], at: String, history: [RecordedBadge] = [], rules: PolicyRules = faqRules(), intents: [String: CalendarDay] = [:],
            claimed: Set<String> = [], pd: [PDHoursStatement] = [], topics: [QuestionTopic] = [], pending: [RecordedBadge] = []) -> MessageDecision {
    Validator(rules: rules, approved: approvedList).decide(SubmissionContext(
        receivedAt: chicago(at), evidence: evidence, pdStatements: pd, questionTopics: topics, history: history, claimedByOthers: claimed,
        intents: intents, pendingInThread: pending))
}
