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
        contacts: Contacts, providers: [Provider], districtDomains: [String]
    ) {
        self.calendar = calendar
        self.capPerYear = capPerYear
        self.pdHoursPerMC = pdHoursPerMC
        self.autoApplyBanked = autoApplyBanked
        self.reminderDays = reminderDays
        self.contacts = contacts
        self.providers = providers
        self.districtDomains = districtDomains
    }

    public func isDistrictAddress(_ address: String) -> Bool {
        let domain = address.split(separator: "@").last.map { $0.lowercased() } ?? ""
        return districtDomains.contains { domain == $0.lowercased() }
    }

    public func isHRAddress(_ address: String) -> Bool {
        contacts.hr.contains { $0.email.lowercased() == address.lowercased() }
    }
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
