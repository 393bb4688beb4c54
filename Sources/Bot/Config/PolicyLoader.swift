import Foundation
import MIME
import Policy

/// Reads `Config/policy.yaml` (with `MCBOT_POLICY_*` overrides) into `PolicyRules`. Every number
/// and date of the district's rules lives there; the defaults are the FAQ's.
public enum PolicyLoader {
    static let knownKeys: Set<String> = [
        "time_zone", "contract_year_start", "window_close", "cap_per_year", "compensation_month", "pd_hours_per_mc",
        "auto_apply_banked", "reminder_days", "district_domains", "contacts.hr", "contacts.pd_hours", "contacts.professional_growth_team",
        "contacts.website", "contacts.approval_form", "providers.list", "providers.*", "intents.timestamp_column", "intents.email_column",
        "intents.mcs_column", "reports.pd_hours_monthly", "reports.compensation_list", "reports.review_digest",
    ]

    /// The approval-form export's column names.
    public struct IntentColumns: Sendable, Equatable {
        public var timestamp: String
        public var email: String
        public var mcs: String
        public init(timestamp: String, email: String, mcs: String) {
            self.timestamp = timestamp
            self.email = email
            self.mcs = mcs
        }
    }

    public struct Loaded: Sendable {
        public var rules: PolicyRules
        public var intentColumns: IntentColumns
    }

    public static func load(file: String, environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> Loaded {
        var c = try await ConfigSource(file: file, environmentPrefix: ["mcbot", "policy"], environment: environment, knownKeys: knownKeys)

        let zoneName = c.string("time_zone", default: "America/Chicago")
        let zone = TimeZone(identifier: zoneName)
        if zone == nil { c.problem("time_zone", "\"\(zoneName)\" is not a time zone", "Use a tz database name such as America/Chicago") }
        func monthDay(_ key: String, _ fallback: String) -> MonthDay {
            let text = c.string(key, default: fallback)
            if let value = MonthDay(text) { return value }
            c.problem(key, "\"\(text)\" is not a month and day", "Write it as MM-DD, e.g. \(fallback)")
            return MonthDay(fallback)!
        }
        let start = monthDay("contract_year_start", "07-01")
        let close = monthDay("window_close", "10-01")
        let cap = c.integer("cap_per_year", default: 5, range: 0...100)
        let month = c.integer("compensation_month", default: 11, range: 1...12)
        let hours = c.number("pd_hours_per_mc", default: 8, range: 0...1000)
        let autoApply = c.boolean("auto_apply_banked", default: true)
        var reminders: [MonthDay] = []
        // "none" (or an empty list) turns the reminders off.
        for text in c.list("reminder_days", default: ["09-01", "09-15", "09-24"]) where text.lowercased() != "none" {
            if let day = MonthDay(text) { reminders.append(day) } else {
                c.problem("reminder_days", "\"\(text)\" is not a month and day", "Write each as MM-DD, e.g. 09-15")
            }
        }
        let domains = c.list("district_domains").map { $0.lowercased() }
        if domains.isEmpty { c.problem("district_domains", "missing", "List the district's mail domains, e.g. [cusd200.org]") }

        func contact(_ key: String, _ text: String) -> PolicyRules.Contact? {
            guard let address = AddressList.parse(text).first else {
                c.problem(key, "\"\(text)\" is not an address", "Write it as \"Name <name@district.org>\"")
                return nil
            }
            return PolicyRules.Contact(name: address.displayName ?? address.address, email: address.normalized)
        }
        let hr = c.list("contacts.hr").compactMap { contact("contacts.hr", $0) }
        if hr.isEmpty { c.problem("contacts.hr", "missing", "List HR's address(es), e.g. [\"Human Resources <hr@district.org>\"]") }
        let pd = c.string("contacts.pd_hours", required: true, example: "\"Charlene Howington <choward@district.org>\"").flatMap { contact("contacts.pd_hours", $0) }
        let pgt = c.list("contacts.professional_growth_team").compactMap { contact("contacts.professional_growth_team", $0) }
        if pgt.isEmpty { c.problem("contacts.professional_growth_team", "missing", "List the team's members as \"Name <address>\"") }
        let website = c.string("contacts.website", default: "")
        let form = c.string("contacts.approval_form", default: website)

        var providers: [Provider] = []
        for id in c.list("providers.list", default: []) {
            let name = c.string("providers.\(id).name", default: id)
            providers.append(Provider(
                id: id, name: name, badgePatterns: c.list("providers.\(id).badge_patterns"), catalogPatterns: c.list("providers.\(id).catalog_patterns")))
        }
        let columns = IntentColumns(
            timestamp: c.string("intents.timestamp_column", default: "Timestamp"),
            email: c.string("intents.email_column", default: "Email Address"),
            mcs: c.string("intents.mcs_column", default: "Micro-credentials"))

        let digestText = c.string("reports.review_digest", default: "monday").lowercased()
        var digestWeekday: Int?
        if digestText != "none" {
            if let index = Reports.weekdayNames.firstIndex(of: digestText) { digestWeekday = index + 1 } else {
                c.problem("reports.review_digest", "\"\(digestText)\" is not a weekday", "Write a weekday such as monday, or none")
            }
        }
        let reports = Reports(
            monthlyPDHours: c.boolean("reports.pd_hours_monthly", default: true), compensationList: c.boolean("reports.compensation_list", default: true),
            reviewDigestWeekday: digestWeekday)

        guard c.problems.isEmpty, let zone, let pd else { throw ConfigError(file: file, problems: c.problems) }
        let rules = PolicyRules(
            calendar: SubmissionCalendar(contractYearStart: start, windowClose: close, compensationMonth: month, timeZone: zone),
            capPerYear: cap, pdHoursPerMC: hours, autoApplyBanked: autoApply, reminderDays: reminders,
            contacts: .init(hr: hr, pdHours: pd, professionalGrowthTeam: pgt, website: website, approvalForm: form),
            providers: providers, districtDomains: domains, reports: reports)
        return Loaded(rules: rules, intentColumns: columns)
    }
}
