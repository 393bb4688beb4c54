/// Something in a message that may prove a completed MC.
public struct Evidence: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// A link to an awarded badge.
        case badgeLink
        /// A link to an MC's description in a provider's catalog: not proof of an award.
        case catalogLink
        /// A certificate file (PDF): may be proof, but is checked by a person.
        case certificate
        /// A badge image that could not be verified automatically.
        case badgeImage
        /// A badge image whose baked award was read: decided like a badge link once it names an
        /// approved MC and the teacher.
        case bakedBadge
    }

    public var kind: Kind
    /// The badge's stable identity: its unwrapped link, or the SHA-256 of its file.
    public var key: String
    public var url: String?
    public var filename: String?
    /// The approved-list MC it was recognised as, if any.
    public var mc: ApprovedPeriod?
    public var providerID: String?
    /// When the badge was issued, if known (from a verified assertion).
    public var issuedOn: CalendarDay?
    /// The MC the link itself names (a provider pattern's `{mc}`) when it is on no approved-list row.
    public var namedMC: String?
    /// What the badge's Open Badges award says (baked into a file, or fetched for a link).
    public var award: AwardFacts?
    /// The badge platform's answer when mcbot fetched the award.
    public var hostedCheck: HostedCheck?

    public init(kind: Kind, key: String, url: String? = nil, filename: String? = nil, mc: ApprovedPeriod? = nil, providerID: String? = nil, issuedOn: CalendarDay? = nil) {
        self.kind = kind
        self.key = key
        self.url = url
        self.filename = filename
        self.mc = mc
        self.providerID = providerID
        self.issuedOn = issuedOn
    }

    /// How the teacher would recognise it: the link or the file name.
    public var shownAs: String { url ?? filename ?? key }
}

/// Sorts a message's links and files into evidence using the approved list and the providers'
/// link shapes. Links that are neither badges nor catalog pages are not evidence.
public struct EvidenceClassifier: Sendable {
    public var approved: ApprovedList
    public var providers: [Provider]

    public init(approved: ApprovedList, providers: [Provider]) {
        self.approved = approved
        self.providers = providers
    }

    public struct File: Sendable {
        public var filename: String?
        public var contentType: String
        public var sha256: String
        /// The award of a badge image: baked into it, or (when mcbot fetched it) its hosted copy.
        public var award: AwardFacts?
        /// The answer of the platform hosting the image's award, when mcbot asked.
        public var hostedCheck: HostedCheck?
        /// Shown in the body (`cid:`): signature logos are, and so is a pasted screenshot.
        public var isInline: Bool
        public var size: Int
        public init(
            filename: String?, contentType: String, sha256: String, award: AwardFacts? = nil, hostedCheck: HostedCheck? = nil, isInline: Bool = false,
            size: Int = 0
        ) {
            self.filename = filename
            self.contentType = contentType
            self.sha256 = sha256
            self.award = award
            self.hostedCheck = hostedCheck
            self.isInline = isInline
            self.size = size
        }
    }

    /// Inline images smaller than this without badge data are taken for signature logos. Badge
    /// images and screenshots of badges are larger; logos rarely are.
    public static let smallestInlineBadgeImage = 30_000

    /// A link's hosted award, when mcbot fetched it from an allowed badge platform.
    public struct HostedLookup: Sendable, Equatable {
        public var check: HostedCheck
        public var award: AwardFacts?
        public init(check: HostedCheck, award: AwardFacts? = nil) {
            self.check = check
            self.award = award
        }
    }

    /// - Parameter hosted: lookups by link, for links mcbot fetched.
    public func classify(links: [String], files: [File], hosted: [String: HostedLookup] = [:]) -> [Evidence] {
        var result: [Evidence] = []
        var inlineImages: [(evidence: Evidence, size: Int)] = []
        var certificates: [Evidence] = []
        var seen = Set<String>()
        for link in links {
            let lookup = hosted[link]
            let award = lookup?.check == .found ? lookup?.award : nil
            // One badge is one key however it arrives: by its award's id when known, else by its link.
            let linkKey = URLPattern.normalize(link)
            let key = award?.awardID.map(URLPattern.normalize) ?? linkKey
            guard !seen.contains(key), !seen.contains(linkKey) else { continue }
            seen.formUnion([key, linkKey])
            var evidence: Evidence
            if let mc = approved.mc(forLink: link) ?? award.flatMap(mc(for:)) {
                evidence = Evidence(kind: .badgeLink, key: key, url: link, mc: mc, providerID: mc.provider, issuedOn: award?.issuedOn)
            } else if let provider = providers.first(where: { $0.badgePatterns.contains { URLPattern($0).matches(link) } }) {
                // A provider's badge that no approved MC names (checked before catalog pages, which may share its host).
                evidence = Evidence(kind: .badgeLink, key: key, url: link, providerID: provider.id, issuedOn: award?.issuedOn)
                evidence.namedMC = provider.badgePatterns.lazy.compactMap { URLPattern($0).capture(link) }.first
            } else if let provider = providers.first(where: { $0.catalogPatterns.contains { URLPattern($0).matches(link) } }) {
                evidence = Evidence(kind: .catalogLink, key: key, url: link, providerID: provider.id)
            } else if let lookup, !lookup.check.isUnreachable {
                // A link on a badge platform mcbot asked: a badge (or a private or missing one) even if no pattern names it.
                evidence = Evidence(kind: .badgeLink, key: key, url: link, issuedOn: award?.issuedOn)
            } else {
                continue
            }
            evidence.award = award
            evidence.hostedCheck = lookup?.check
            result.append(evidence)
        }
        for file in files where seen.insert(file.sha256).inserted {
            let type = file.contentType.lowercased()
            let name = (file.filename ?? "").lowercased()
            if let award = file.award {
                // One badge saved twice (or also sent as its hosted link) is one badge: keyed by the award's id.
                let key = award.awardID.map(URLPattern.normalize) ?? file.sha256
                guard key == file.sha256 || seen.insert(key).inserted else { continue }
                let mc = mc(for: award) ?? file.filename.flatMap { approved.mc(forBadgeName: Self.stem($0)) }
                var evidence = Evidence(kind: .bakedBadge, key: key, filename: file.filename, mc: mc, providerID: mc?.provider, issuedOn: award.issuedOn)
                evidence.award = award
                evidence.hostedCheck = file.hostedCheck
                result.append(evidence)
            } else if type == "application/pdf" || name.hasSuffix(".pdf") {
                certificates.append(Evidence(kind: .certificate, key: file.sha256, filename: file.filename))
            } else if Self.isBadgeImage(contentType: file.contentType, filename: file.filename) {
                // A badge image; PNG and SVG are the formats Open Badges bakes assertions into.
                let mc = file.filename.flatMap { approved.mc(forBadgeName: Self.stem($0)) }
                let evidence = Evidence(kind: .badgeImage, key: file.sha256, filename: file.filename, mc: mc, providerID: mc?.provider)
                if file.isInline { inlineImages.append((evidence, file.size)) } else { result.append(evidence) }
            }
        }
        // A certificate is looked at by a person only when no badge came with it (a PDF beside a badge
        // is a copy, or the log of hours). An image in the body is a badge only when nothing else in
        // the message is, and it is not logo-sized: every district signature carries a logo.
        if !result.contains(where: { $0.kind != .catalogLink }) {
            result += certificates
        }
        if result.allSatisfy({ $0.kind == .catalogLink }) {
            result += inlineImages.filter { $0.size >= Self.smallestInlineBadgeImage || $0.evidence.mc != nil }.map(\.evidence)
        }
        return result
    }

    /// PNG and SVG: the formats Open Badges bakes awards into.
    public static func isBadgeImage(contentType: String, filename: String?) -> Bool {
        let type = contentType.lowercased()
        let name = (filename ?? "").lowercased()
        return type == "image/png" || type == "image/svg+xml" || name.hasSuffix(".png") || name.hasSuffix(".svg")
    }

    /// The MC an award names: by its badge class id, its hosted URL, then its badge name.
    func mc(for award: AwardFacts) -> ApprovedPeriod? {
        award.badgeClassID.flatMap { approved.mc(forBadgeClass: $0) ?? approved.mc(forLink: $0) }
            ?? award.awardID.flatMap { approved.mc(forLink: $0) }
            ?? award.badgeName.flatMap { approved.mc(forBadgeName: $0) }
    }

    private static func stem(_ filename: String) -> String {
        guard let dot = filename.lastIndex(of: ".") else { return filename }
        return String(filename[..<dot]).replacingOccurrences(of: "_", with: " ")
    }
}
