import Foundation

/// Every number, date and contact of the district's rules. Loaded from `Config/policy.yaml` so HR can
/// change them without a release; the defaults are the district FAQ's.
public struct PolicyRules: Sendable, Equatable {
    public var calendar: SubmissionCalendar
    /// MCs that count per contract year.
    public var capPerYear: Int
    /// PD hours credited at most per MC.
    public var pdHoursPerMC: Double
    /// Apply banked badges to the new year on its first day (otherwise teachers resubmit after it).
    public var autoApplyBanked: Bool
    /// September reminder days.
    public var reminderDays: [MonthDay]
    public var contacts: Contacts
    public var providers: [Provider]
    /// The district's mail domains: a sender there who is not on the roster is asked to write from
    /// their district account; senders elsewhere get no reply.
    public var districtDomains: [String]
    /// What mcbot mails HR and the PD-hours contact by itself.
    public var reports: Reports
    public struct Contact: Sendable, Equatable {
        public var name: String
        public var email: String
        public init(name: String, email: String) {
            self.name = name
            self.email = email
        }
    }

    public struct Contacts: Sendable, Equatable {
        /// HR's own addresses: copies of reviews go here; forwards from here may be reprocessed.
        public var hr: [Contact]
        public var pdHours: Contact
        public var professionalGrowthTeam: [Contact]
        /// Where teachers read about MCs and the approved list.
        public var website: String
        public var approvalForm: String
        public init(hr: [Contact], pdHours: Contact, professionalGrowthTeam: [Contact], website: String, approvalForm: String) {
            self.hr = hr
            self.pdHours = pdHours
            self.professionalGrowthTeam = professionalGrowthTeam
            self.website = website
            self.approvalForm = approvalForm
        }
    }

    public init(
        calendar: SubmissionCalendar, capPerYear: Int, pdHoursPerMC: Double, autoApplyBanked: Bool, reminderDays: [MonthDay],
        contacts: Contacts, providers: [Provider], districtDomains: [String], reports: Reports = .standard
    ) {
        self.calendar = calendar
        self.capPerYear = capPerYear
        self.pdHoursPerMC = pdHoursPerMC
        self.autoApplyBanked = autoApplyBanked
        self.reminderDays = reminderDays
        self.contacts = contacts
        self.providers = providers
        self.districtDomains = districtDomains
        self.reports = reports
    }

    public func isDistrictAddress(_ address: String) -> Bool {
        let domain = address.split(separator: "@").last.map { $0.lowercased() } ?? ""
        return districtDomains.contains { domain == $0.lowercased() }
    }

    public func isHRAddress(_ address: String) -> Bool {
        contacts.hr.contains { $0.email.lowercased() == address.lowercased() }
    }
}

/// Reports mcbot mails by itself, each once per period.
public struct Reports: Sendable, Equatable {
    /// On the first poll of a month: the previous month's PD-hours file, to the PD-hours contact.
    public var monthlyPDHours: Bool
    /// Once the submission window has closed: the year's compensation list, to HR.
    public var compensationList: Bool
    /// Weekly on this weekday (1 Sunday ... 7 Saturday): HR's open reviews, when there are any; nil for none.
    /// Sent on that day only; a day mcbot was down is skipped.
    public var reviewDigestWeekday: Int?

    public init(monthlyPDHours: Bool, compensationList: Bool, reviewDigestWeekday: Int?) {
        self.monthlyPDHours = monthlyPDHours
        self.compensationList = compensationList
        self.reviewDigestWeekday = reviewDigestWeekday
    }

    public static let standard = Reports(monthlyPDHours: true, compensationList: true, reviewDigestWeekday: 2)
    public static let none = Reports(monthlyPDHours: false, compensationList: false, reviewDigestWeekday: nil)

    public static let weekdayNames = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
}

/// An MC provider and how its links look: badges (proof of an award) versus catalog pages
/// (descriptions of an MC, not proof).
public struct Provider: Sendable, Equatable {
    public var id: String
    public var name: String
    /// URL patterns of badge pages (`*` is a wildcard; scheme ignored), e.g. `badgr.com/public/assertions/*`.
    public var badgePatterns: [String]
    /// URL patterns of catalog pages, e.g. `microcredentials.digitalpromise.org/explore/*`.
    public var catalogPatterns: [String]

    public init(id: String, name: String, badgePatterns: [String], catalogPatterns: [String]) {
        self.id = id
        self.name = name
        self.badgePatterns = badgePatterns
        self.catalogPatterns = catalogPatterns
    }
}
