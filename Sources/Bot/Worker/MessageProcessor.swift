import Foundation
import Intake
import MIME
import Policy
import Store

/// Reads one message, applies the rules, and records everything it decided (ledger row,
/// submissions, reviews, replies) in one transaction. Moving the message is the caller's job, after.
struct MessageProcessor {
    let context: BotContext
    /// Set to reprocess a quarantined message: its ledger row is rewritten instead of a new one added.
    var replacing: Int64? = nil

    private var settings: Settings { context.settings }
    private var rules: PolicyRules { context.rules }

    /// Processes `raw`; a message that cannot be read or processed is recorded as quarantined.
    func process(_ raw: [UInt8], at position: MailPosition, sha256: String) throws -> RecordResult {
        let receivedAt = context.clock.now
        let message: MIMEMessage
        do {
            message = try MessageParser(limits: settings.limits).parse(raw)
            if message.header.isEmpty { throw ParseFailure.notAMessage("it has no header fields") }
        } catch {
            return try quarantine(raw, at: position, sha256: sha256, reason: "\(error)", receivedAt: receivedAt)
        }
        do {
            return try processReadable(message, raw: raw, at: position, sha256: sha256, receivedAt: receivedAt)
        } catch {
            context.logger.error("processing failed, quarantining", metadata: ["position": "\(position)", "error": "\(error)"])
            return try quarantine(raw, at: position, sha256: sha256, reason: "processing failed: \(error)", receivedAt: receivedAt, message: message)
        }
    }

    /// Records an unreadable message: raw bytes kept, HR told once.
    func quarantine(_ raw: [UInt8], at position: MailPosition, sha256: String, reason: String, receivedAt: Date, message: MIMEMessage? = nil) throws -> RecordResult {
        let header = message?.header ?? MessageParser(limits: settings.limits).parseHeader(raw)
        let from = AddressList.parse(header["from"]).first?.normalized
        let subject = header.text("subject")
        let messageID = header["message-id"].flatMap { MIMEMessage.messageIDs(in: $0).first }
        let entry = LedgerEntry(
            mailbox: position.mailbox, uidValidity: position.uidValidity, uid: position.uid, messageIDHeader: messageID,
            sha256: sha256, size: raw.count, receivedAt: receivedAt, fromAddress: from, subject: subject, kind: nil,
            outcome: .quarantined, reason: reason, teacherID: nil)
        let composer = ReplyComposer(context: context)
        return try context.store.record(IncomingDraft(entry: entry, rawBytes: raw, auditAction: "message.quarantined", auditDetail: reason), at: receivedAt) { ids in
            [composer.quarantineNotice(from: from, subject: subject, reason: reason, sha256: sha256, ref: Self.ref(ids.entry), messageRowID: ids.entry.id!, receivedAt: receivedAt)]
        }
    }

    static func ref(_ entry: LedgerEntry) -> String { "message-\(entry.id!)" }

    /// Records through the store, in place of the quarantined row when reprocessing.
    private func record(_ draft: IncomingDraft, at now: Date, compose: (RecordedIDs) throws -> [OutboxItem]) throws -> RecordResult {
        var draft = draft
        draft.replacesQuarantined = replacing
        return try context.store.record(draft, at: now, compose: compose)
    }

    /// Runs a quarantined message again with today's reading and rules (after a limit was raised or a
    /// fault fixed), as if it had just arrived at its original position; its replies are queued.
    func reprocess(_ entry: LedgerEntry) throws -> QuarantineReprocessor.Result {
        guard entry.outcome == .quarantined, let id = entry.id else { return .notQuarantined }
        guard let raw = try context.store.rawBytes(sha256: entry.sha256), raw.count == entry.size else { return .onlyHeaderKept }
        let message: MIMEMessage
        do {
            message = try MessageParser(limits: settings.limits).parse(raw)
            if message.header.isEmpty { throw ParseFailure.notAMessage("it has no header fields") }
        } catch {
            return .stillUnreadable("\(error)")
        }
        var processor = self
        processor.replacing = id
        let position = MailPosition(mailbox: entry.mailbox, uidValidity: UInt32(entry.uidValidity), uid: UInt32(entry.uid))
        switch try processor.processReadable(message, raw: raw, at: position, sha256: entry.sha256, receivedAt: entry.receivedAt) {
        case .recorded(let updated): return .processed(updated)
        case .alreadyRecorded: return .notQuarantined
        }
    }

    private func processReadable(_ message: MIMEMessage, raw: [UInt8], at position: MailPosition, sha256: String, receivedAt: Date) throws -> RecordResult {
        let intake = IntakeReader().read(message)
        let fromAddress = intake.from?.normalized
        var entry = LedgerEntry(
            mailbox: position.mailbox, uidValidity: position.uidValidity, uid: position.uid, messageIDHeader: intake.messageID,
            sha256: sha256, size: raw.count, receivedAt: receivedAt, fromAddress: fromAddress, subject: intake.subject,
            kind: intake.kind.rawValue, outcome: .processed, reason: nil, teacherID: nil, threadKeys: intake.inReplyTo + intake.references)

        // Never answer machines, nor ourselves.
        if message.header["x-mcbot-outcome"] != nil && fromAddress == settings.botAddress.normalized {
            entry.outcome = .sentCopy
            entry.reason = "copy of a message mcbot sent"
            return try record(IncomingDraft(entry: entry, rawBytes: raw, auditAction: "message.sent-copy", auditDetail: nil), at: receivedAt) { _ in [] }
        }
        if fromAddress == settings.botAddress.normalized || message.header["x-mcbot-outcome"] != nil {
            entry.outcome = .ignored
            entry.reason = "mcbot's own address, or a message mcbot generated"
            return try record(IncomingDraft(entry: entry, rawBytes: raw, auditAction: "message.ignored", auditDetail: entry.reason), at: receivedAt) { _ in [] }
        }
        if intake.kind == .bounce, let undelivered = try undeliveredTeachers(intake) {
            let names = undelivered.map { "\($0.name) <\($0.email)>" }.joined(separator: ", ")
            entry.reason = "\(intake.kindReason); failed recipients: \(intake.bouncedRecipients.joined(separator: ", "))"
            return try recordReview(entry, raw: raw, intake: intake, reasons: [
                "Mail from mcbot to \(names) could not be delivered (the bounce is attached), so they have not seen its answer. Reach them another way, or correct their address in the roster.",
            ], teacher: undelivered.first, teacherTold: false, receivedAt: receivedAt)
        }
        if intake.kind != .person {
            entry.outcome = .ignored
            entry.reason = intake.kind == .bounce && !intake.bouncedRecipients.isEmpty
                ? "\(intake.kindReason); failed recipients: \(intake.bouncedRecipients.joined(separator: ", "))" : intake.kindReason
            return try record(IncomingDraft(entry: entry, rawBytes: raw, auditAction: "message.ignored", auditDetail: entry.reason), at: receivedAt) { _ in [] }
        }
        guard let fromAddress, let from = intake.from else {
            entry.reason = "no sender address"
            return try recordReview(entry, raw: raw, intake: intake, reasons: ["The message has no usable From address."], teacher: nil, teacherTold: false, receivedAt: receivedAt)
        }

        let store = context.store
        let teacher = try store.teacher(forAddress: fromAddress)
        let authentication = AuthenticationVerdict.from(headers: intake.authenticationResults, trustedServers: settings.trustedAuthservIDs, fromDomain: from.domain)
        var forwardedFrom: (address: String, teacherID: Int64?)?
        if let original = intake.forwarded?.from?.normalized {
            forwardedFrom = (original, try store.teacher(forAddress: original)?.id)
        }
        let standing = SenderPolicy(rules: rules).standing(fromAddress: fromAddress, teacherID: teacher?.id, authentication: authentication, forwardedFrom: forwardedFrom)

        switch standing {
        case .teacher:
            return try evaluate(intake, raw: raw, entry: entry, teacher: teacher!, replyTo: from, cc: [], receivedAt: receivedAt)
        case .hrForward(let teacherID):
            guard let original = intake.forwarded?.intake, let owner = try store.teacher(id: teacherID) else {
                entry.reason = "forward from HR could not be attributed"
                return try recordReview(entry, raw: raw, intake: intake, reasons: ["A forward from HR could not be matched to a teacher; reprocess it by hand."],
                                        teacher: nil, teacherTold: false, receivedAt: receivedAt)
            }
            entry.reason = "forwarded by HR (\(fromAddress)) for \(owner.email)"
            return try evaluate(original, raw: raw, entry: entry, teacher: owner, replyTo: MailAddress(displayName: owner.name, address: owner.email),
                                cc: [from], receivedAt: receivedAt, replyThread: intake)
        case .unknownDistrictSender:
            entry.reason = "sender \(fromAddress) is not on the staff roster"
            return try recordReview(entry, raw: raw, intake: intake, reasons: [
                "\(fromAddress) is at the district's domain but not on the staff roster. They were asked to write from the address HR has on file; if it is theirs, add it to the roster as another address and forward the message back.",
            ], teacher: nil, teacherTold: true, receivedAt: receivedAt, districtReplyTo: from)
        case .unknownOutsider:
            entry.reason = "sender \(fromAddress) is not on the staff roster and outside the district"
            return try recordReview(entry, raw: raw, intake: intake, reasons: [
                "\(fromAddress) is not on the staff roster and not a district address; mcbot did not answer (to avoid replying to forged senders). If this is a teacher's personal address, add it to their roster row and forward the message back.",
            ], teacher: nil, teacherTold: false, receivedAt: receivedAt)
        case .failedAuthentication:
            entry.reason = "the district's mail server reports failed sender authentication (DMARC)"
            return try recordReview(entry, raw: raw, intake: intake, reasons: [
                "The district's mail server says this message failed sender authentication (DMARC), so the From address may be forged. It was held, not processed.",
            ], teacher: teacher, teacherTold: false, receivedAt: receivedAt)
        case .unverifiedForward(let why):
            entry.reason = "forward not trusted: \(why)"
            return try recordReview(entry, raw: raw, intake: intake, reasons: [
                "A forward for reprocessing was not processed: \(why). Check it and reprocess it by hand.",
            ], teacher: nil, teacherTold: false, receivedAt: receivedAt)
        }
    }

    /// Roster teachers among a bounce's failed recipients: mail to them did not arrive, and only a person
    /// can reach them. Bounces of mail to HR or the other contacts are only logged, so a broken HR
    /// address cannot start a loop of notices about itself.
    private func undeliveredTeachers(_ intake: Intake) throws -> [Teacher]? {
        let contacts = Set((rules.contacts.hr + rules.contacts.professionalGrowthTeam + [rules.contacts.pdHours]).map { $0.email.lowercased() })
        let teachers = try intake.bouncedRecipients
            .filter { !contacts.contains($0) && $0 != settings.botAddress.normalized }
            .compactMap { try context.store.teacher(forAddress: $0) }
        return teachers.isEmpty ? nil : teachers
    }

    /// Applies the rules to a teacher's evidence and records the result with the reply.
    private func evaluate(
        _ intake: Intake, raw: [UInt8], entry: LedgerEntry, teacher: Teacher, replyTo: MailAddress, cc: [MailAddress], receivedAt: Date,
        replyThread: Intake? = nil
    ) throws -> RecordResult {
        let store = context.store
        let teacherID = teacher.id!
        let approved = try store.approvedList()
        let links = intake.allLinks.map(\.url)
        let addresses = try store.addresses(ofTeacher: teacherID)
        let badges = BadgeEvidenceReader(calendar: rules.calendar, fetching: settings.badgeFetch, fetcher: context.badgeFetcher)
        let evidence = EvidenceClassifier(approved: approved, providers: rules.providers).classify(
            links: links, files: badges.files(intake.allAttachments, teacherAddresses: addresses), hosted: badges.lookups(links: links, teacherAddresses: addresses))
        let pd = PDLogReader.read(intake)
        let threadKeys = (replyThread ?? intake).inReplyTo + (replyThread ?? intake).references
        let submission = SubmissionContext(
            receivedAt: receivedAt, evidence: evidence, pdStatements: pd.statements, pdProblems: pd.problems,
            questionTopics: QuestionTopic.detect(in: intake.newText + "\n" + intake.subject),
            history: try store.recordedBadges(teacherID: teacherID),
            claimedByOthers: try store.badgeKeysClaimed(evidence.map(\.key), byOtherThan: teacherID),
            intents: try store.intents(teacherID: teacherID),
            pendingInThread: try store.pendingPDBadges(teacherID: teacherID, threadKeys: threadKeys),
            repliesToBot: try store.sentByBot(anyOf: threadKeys))
        let decision = Validator(rules: rules, approved: approved).decide(submission)

        var entry = entry
        entry.teacherID = teacherID
        entry.outcomes = decision.outcomes.map(\.rawValue).joined(separator: ",")
        if !decision.needsAnswer { entry.reason = "a reply to mcbot that carries and asks nothing; not answered" }
        let now = context.clock.now
        let submissions = decision.badges.map { Self.record($0, teacherID: teacherID, receivedAt: receivedAt, now: now) }
        var reviews: [(review: ReviewItem, submissionIndex: Int?)] = []
        var reviewReasons: [Reviewer: [String]] = [:]
        for (i, badge) in decision.badges.enumerated() {
            guard let reviewer = badge.reviewer else { continue }
            let reason = Self.reviewReason(badge)
            reviews.append((ReviewItem(createdAt: now, reviewer: reviewer.rawValue, reason: reason, messageRowID: nil, submissionID: nil, teacherID: teacherID), i))
            reviewReasons[reviewer, default: []].append(reason)
        }
        if decision.notes.contains(.vanishedMC) {
            let reason = "\(teacher.name) reports that a micro-credential disappeared from the provider's website before they could submit it."
            reviews.append((ReviewItem(createdAt: now, reviewer: Reviewer.professionalGrowthTeam.rawValue, reason: reason, messageRowID: nil, submissionID: nil, teacherID: teacherID), nil))
            reviewReasons[.professionalGrowthTeam, default: []].append(reason)
        }
        let pdChanges = decision.pdUpdates.map { update in
            PDHoursChange(submissionID: update.badge.id, state: "credited", logged: update.decision.logged, credited: update.decision.credited,
                          source: update.decision.source)
        }
        let statusChanges = decision.badges.compactMap { badge -> StatusChange? in
            guard case .bankedApplied(_, let recordID) = badge.reason, let year = badge.year else { return nil }
            return StatusChange(submissionID: recordID, status: "counted", contractYear: year.startYear, countInYear: badge.countInYear)
        }
        let history = submission.history
        let standing = Self.standing(after: decision, history: history, calendar: rules.calendar, on: receivedAt)
        var draft = IncomingDraft(
            entry: entry, rawBytes: raw, submissions: submissions, reviews: reviews, pdUpdates: pdChanges, statusChanges: statusChanges,
            auditAction: "message.processed", auditDetail: "\(teacher.email): \(entry.outcomes)")
        let composer = ReplyComposer(context: context)
        let capReached = try store.replyCount(to: replyTo.address, since: now.addingTimeInterval(-86_400)) >= settings.maxRepliesPerSenderPerDay
        if capReached {
            let reason = "mcbot has already answered \(replyTo.address) \(settings.maxRepliesPerSenderPerDay) times in the last day, so it did not answer this message (a mail loop, or a teacher who needs a person)."
            draft.reviews.append((ReviewItem(createdAt: now, reviewer: Reviewer.hr.rawValue, reason: reason, messageRowID: nil, submissionID: nil, teacherID: teacherID), nil))
            reviewReasons[.hr, default: []].append(reason)
        }
        return try record(draft, at: now) { ids in
            let ref = Self.ref(ids.entry)
            var items = capReached || !decision.needsAnswer ? [] : [composer.teacherReply(
                to: replyThread ?? intake, recipient: replyTo, cc: cc, teacher: teacher, decision: decision, standing: standing, ref: ref,
                messageRowID: ids.entry.id!, receivedAt: receivedAt)]
            for reviewer in [Reviewer.hr, .professionalGrowthTeam] {
                guard let reasons = reviewReasons[reviewer] else { continue }
                items.append(composer.reviewNotice(
                    reviewer: reviewer, reasons: reasons, original: replyThread ?? intake, rawBytes: raw, teacher: teacher, teacherTold: !capReached,
                    ref: ref, messageRowID: ids.entry.id!, receivedAt: receivedAt))
            }
            return items
        }
    }

    /// Records a message that only a person can settle, telling HR (and the sender when appropriate).
    private func recordReview(
        _ entry: LedgerEntry, raw: [UInt8], intake: Intake, reasons: [String], teacher: Teacher?, teacherTold: Bool, receivedAt: Date,
        districtReplyTo: MailAddress? = nil
    ) throws -> RecordResult {
        var entry = entry
        entry.teacherID = teacher?.id
        entry.outcomes = Outcome.needsReview.rawValue
        let now = context.clock.now
        let review = ReviewItem(createdAt: now, reviewer: Reviewer.hr.rawValue, reason: reasons.joined(separator: " "), messageRowID: nil, submissionID: nil, teacherID: teacher?.id)
        let composer = ReplyComposer(context: context)
        let draft = IncomingDraft(entry: entry, rawBytes: raw, reviews: [(review, nil)], auditAction: "message.review", auditDetail: entry.reason)
        return try record(draft, at: now) { ids in
            let ref = Self.ref(ids.entry)
            var items = [composer.reviewNotice(
                reviewer: .hr, reasons: reasons, original: intake, rawBytes: raw, teacher: teacher, teacherTold: teacherTold, ref: ref,
                messageRowID: ids.entry.id!, receivedAt: receivedAt)]
            if let districtReplyTo {
                items.append(composer.districtAccountReply(to: intake, recipient: districtReplyTo, ref: ref, messageRowID: ids.entry.id!))
            }
            return items
        }
    }

    static func record(_ badge: BadgeDecision, teacherID: Int64, receivedAt: Date, now: Date) -> SubmissionRecord {
        let status: String
        switch (badge.outcome, badge.reason) {
        case (.counted, .bankedApplied): status = "none"  // the banked row itself becomes counted
        case (.counted, _): status = "counted"
        case (.banked, _): status = "banked"
        default: status = "none"
        }
        var pdState = "none"
        var logged: Double?, credited: Double?, source: String?
        if let pd = badge.pdHours {
            switch pd.state {
            case .credited(let l, let c, let s): pdState = "credited"; logged = l; credited = c; source = s
            case .pending: pdState = "pending"
            case .ambiguous: pdState = "ambiguous"
            }
        }
        return SubmissionRecord(
            messageRowID: 0, teacherID: teacherID, evidenceKind: badge.evidence.kind.rawValue, badgeKey: badge.evidence.key,
            badgeURL: badge.evidence.url, filename: badge.evidence.filename, mcID: badge.mcID, mcTitle: badge.mcTitle, provider: badge.providerID,
            outcome: badge.outcome.rawValue, reason: reasonCode(badge.reason), status: status,
            contractYear: status == "none" ? nil : badge.year?.startYear, countInYear: badge.countInYear, pdState: pdState,
            pdLogged: logged, pdCredited: credited, pdSource: source, receivedAt: receivedAt, updatedAt: now)
    }

    /// A short stable code for the decision's reason, stored with the submission.
    static func reasonCode(_ reason: BadgeDecision.Reason) -> String {
        switch reason {
        case .counted: "within-cap"
        case .overCap: "over-cap"
        case .outsideWindow: "outside-window"
        case .bankedApplied: "banked-applied"
        case .notOnList: "not-on-list"
        case .removedFromList: "removed-from-list"
        case .approvedByIntent: "approved-by-intent"
        case .alreadyRecorded: "already-recorded"
        case .claimedByAnotherTeacher: "claimed-by-another-teacher"
        case .catalogPage: "catalog-page"
        case .certificateOnly: "certificate-only"
        case .badgeImageUnverified: "badge-image-unverified"
        case .unidentifiedBadge: "unidentified-badge"
        case .awardedToSomeoneElse: "awarded-to-someone-else"
        case .badgeRevoked: "badge-revoked"
        case .badgeExpired: "badge-expired"
        case .badgePrivate: "badge-private"
        case .badgeNotFound: "badge-not-found"
        }
    }

    static func reviewReason(_ badge: BadgeDecision) -> String {
        let what = badge.evidence.shownAs
        switch badge.reason {
        case .claimedByAnotherTeacher: return "The badge \(what) (\(badge.mcTitle ?? "unknown MC")) was already submitted by another staff member."
        case .certificateOnly: return "A certificate file (\(what)) was sent instead of a badge; check it by hand."
        case .badgeImageUnverified: return "A badge image (\(what))\(badge.mcTitle.map { ", apparently \($0)," } ?? "") could not be verified automatically."
        case .unidentifiedBadge:
            if let award = badge.evidence.award {
                return "The badge \(what) (\(award.description)) matches no approved micro-credential; identify the MC, and add its badge class id to the approved list if it is approved."
            }
            return "The badge link \(what) matches no approved micro-credential's pattern; identify the MC."
        case .awardedToSomeoneElse:
            return "The badge \(what) (\(badge.evidence.award?.description ?? "")) was awarded to an address that is not the teacher's; check whose badge it is, and add the address to the roster if it is theirs."
        case .badgeRevoked:
            return badge.evidence.hostedCheck == .revoked
                ? "The badge \(what) (\(badge.mcTitle ?? "unknown MC")): its platform answers that the issuer revoked it (HTTP 410)."
                : "The badge \(what) (\(badge.mcTitle ?? "unknown MC")) says its issuer revoked it."
        case .badgeExpired(let day): return "The badge \(what) (\(badge.mcTitle ?? "unknown MC")) expired on \(day.spelledOut)."
        default: return "\(what): \(reasonCode(badge.reason))"
        }
    }

    /// The teacher's counts for the reply's summary line, after this message.
    static func standing(after decision: MessageDecision, history: [RecordedBadge], calendar: SubmissionCalendar, on date: Date) -> ReplyComposer.Standing {
        // The contract year the teacher is in today (outside the window, its count no longer grows).
        let year = calendar.contractYear(containing: calendar.day(of: date))
        var keys = Set<String>()
        var counted = 0, banked = 0
        for badge in decision.badges where [.counted, .banked].contains(badge.outcome) {
            keys.insert(badge.evidence.key)
            if badge.outcome == .counted && badge.year == year { counted += 1 }
            if badge.outcome == .banked { banked += 1 }
        }
        for badge in history where !keys.contains(badge.badgeKey) {
            if badge.countedYear == year { counted += 1 }
            if badge.bankedFor != nil && !decision.badges.contains(where: { $0.mcID == badge.mcID && $0.outcome == .counted }) { banked += 1 }
        }
        return ReplyComposer.Standing(year: year, counted: counted, banked: banked)
    }
}
