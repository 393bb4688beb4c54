import Badges
import Foundation
import Intake
import Policy
import Transport

/// Reads a message's badges for the rules: the awards baked into its images, and, for links and
/// images whose award is hosted on an allowed badge platform, what the platform answers. Checks
/// each award's recipient against the teacher's roster addresses.
struct BadgeEvidenceReader {
    let calendar: SubmissionCalendar
    let fetching: BadgeFetchSettings
    let fetcher: BadgeFetcher

    /// Image types bakers write; other files are never unbaked.
    static func mayBeBadge(_ attachment: Attachment) -> Bool {
        EvidenceClassifier.isBadgeImage(contentType: attachment.contentType, filename: attachment.filename)
    }

    /// The rules' view of each attachment. A baked award whose hosted copy answers is replaced by
    /// that copy (the issuer's word); a hosted 410 marks it revoked. Otherwise the baked data stands.
    func files(_ attachments: [Attachment], teacherAddresses: [String]) -> [EvidenceClassifier.File] {
        attachments.map { attachment in
            var file = EvidenceClassifier.File(
                filename: attachment.filename, contentType: attachment.contentType, sha256: attachment.sha256, isInline: attachment.isInline,
                size: attachment.size)
            guard Self.mayBeBadge(attachment), let baked = BakedBadge.unbake(attachment.bytes()), let award = baked.award else { return file }
            file.award = facts(award, source: .baked, teacherAddresses: teacherAddresses)
            if let hostedAt = baked.hostedAt, let lookup = lookup(hostedAt, teacherAddresses: teacherAddresses) {
                switch lookup.check {
                case .found: file.award = lookup.award; file.hostedCheck = .found
                case .revoked: file.hostedCheck = .revoked
                default: break
                }
            }
            return file
        }
    }

    /// Most links looked up for one message: a message of many links must not hold the mailbox up.
    static let maxLookupsPerMessage = 10

    /// Lookups for the links on allowed badge platforms (other links are not fetched). A platform
    /// that did not answer is not asked again for the same message, so an outage costs one timeout.
    func lookups(links: [String], teacherAddresses: [String]) -> [String: EvidenceClassifier.HostedLookup] {
        var result: [String: EvidenceClassifier.HostedLookup] = [:]
        var silentHosts = Set<String>()
        for link in links where result[link] == nil && result.count < Self.maxLookupsPerMessage {
            guard let host = HTTPClient.httpsHost(HostedAssertion.url(forBadgeLink: link)), !silentHosts.contains(host) else { continue }
            guard let lookup = lookup(link, teacherAddresses: teacherAddresses) else { continue }
            result[link] = lookup
            if lookup.check.isUnreachable { silentHosts.insert(host) }
        }
        return result
    }

    /// Asks the platform for the award behind `link`; nil when its host is not one mcbot may ask.
    func lookup(_ link: String, teacherAddresses: [String]) -> EvidenceClassifier.HostedLookup? {
        let target = HostedAssertion.url(forBadgeLink: link)
        guard let host = HTTPClient.httpsHost(target), fetching.allows(host) else { return nil }
        let response: HTTPResponse
        do { response = try fetcher.get(target) } catch { return .init(check: .unreachable("\(error)")) }
        switch response.status {
        case 200..<300:
            guard var award = BadgeAward.decode(String(decoding: response.body, as: UTF8.self)) else {
                return .init(check: .unreachable("\(host) answered with something that is not an Open Badges award"))
            }
            if award.badgeName == nil { completeFromBadgeClass(&award) }
            return .init(check: .found, award: facts(award, source: .hosted, teacherAddresses: teacherAddresses))
        case 410: return .init(check: .revoked)
        case 404: return .init(check: .notFound)
        case 401, 403: return .init(check: .private)
        default: return .init(check: .unreachable("\(host) answered HTTP \(response.status)"))
        }
    }

    /// A 2.0 assertion names its badge class by URL; its name (for HR, and matching by name) is there.
    private func completeFromBadgeClass(_ award: inout BadgeAward) {
        guard let url = award.badgeClassID, let host = HTTPClient.httpsHost(url), fetching.allows(host),
              let response = try? fetcher.get(url), response.status == 200,
              let badgeClass = BadgeClassSummary.decode(String(decoding: response.body, as: UTF8.self)) else { return }
        award.badgeName = badgeClass.name
        award.issuerName = award.issuerName ?? badgeClass.issuerName
    }

    func facts(_ award: BadgeAward, source: AwardFacts.Source, teacherAddresses: [String]) -> AwardFacts {
        AwardFacts(
            source: source, awardID: award.id, badgeClassID: award.badgeClassID, badgeName: award.badgeName, issuerName: award.issuerName,
            issuedOn: award.issuedOn.map(calendar.day(of:)), expiresOn: award.expires.map(calendar.day(of:)), revoked: award.revoked,
            recipientIsTeacher: award.recipient?.matches(anyOf: teacherAddresses))
    }
}
