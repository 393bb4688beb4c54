import Badges
import Intake
import Policy

/// Reads the Open Badges data baked into a message's badge images, for the rules: which badge,
/// issued when, and whether it was awarded to one of the teacher's addresses.
struct BadgeFileReader {
    let calendar: SubmissionCalendar

    /// Image types bakers write; other files are never unbaked.
    static func mayBeBadge(_ attachment: Attachment) -> Bool {
        let type = attachment.contentType.lowercased()
        let name = (attachment.filename ?? "").lowercased()
        return type == "image/png" || type == "image/svg+xml" || name.hasSuffix(".png") || name.hasSuffix(".svg")
    }

    /// The rules' view of each attachment, with baked awards read and checked against `teacherAddresses`.
    func files(_ attachments: [Attachment], teacherAddresses: [String]) -> [EvidenceClassifier.File] {
        attachments.map { attachment in
            var file = EvidenceClassifier.File(filename: attachment.filename, contentType: attachment.contentType, sha256: attachment.sha256)
            if Self.mayBeBadge(attachment), let award = BakedBadge.unbake(attachment.bytes())?.award {
                file.award = facts(award, teacherAddresses: teacherAddresses)
            }
            return file
        }
    }

    func facts(_ award: BadgeAward, teacherAddresses: [String]) -> BakedAward {
        BakedAward(
            awardID: award.id, badgeClassID: award.badgeClassID, badgeName: award.badgeName, issuerName: award.issuerName,
            issuedOn: award.issuedOn.map(calendar.day(of:)), expiresOn: award.expires.map(calendar.day(of:)), revoked: award.revoked,
            recipientIsTeacher: award.recipient?.matches(anyOf: teacherAddresses))
    }
}
