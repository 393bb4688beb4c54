import Foundation
import Intake
import MIME
import Policy
import Store

/// Turns decisions into mail: the template context (facts and flags; the wording is in templates/),
/// the headers every mcbot message carries, and the outbox row.
struct ReplyComposer {
    let context: BotContext

    private var rules: PolicyRules { context.rules }
    private var calendar: SubmissionCalendar { rules.calendar }

    /// What the teacher's ledger looks like after this message, for the reply's summary line.
    struct Standing {
        var year: ContractYear
        var counted: Int
        var banked: Int
    }

    /// The one reply to a teacher's message, covering every badge in it.
    func teacherReply(
        to original: Intake, recipient: MailAddress, cc: [MailAddress], teacher: Teacher?, decision: MessageDecision,
        standing: Standing?, ref: String, messageRowID: Int64, receivedAt: Date
    ) -> OutboxItem {
        let today = calendar.day(of: receivedAt)
        let currentYear = calendar.yearToCount(on: today)
        var items: [[String: Any]] = []
        for badge in decision.badges {
            var item: [String: Any] = ["title": badge.mcTitle ?? badge.evidence.award?.badgeName ?? badge.evidence.filename ?? "Your submission"]
            if let url = badge.evidence.url { item["link"] = url } else if badge.evidence.award != nil, let file = badge.evidence.filename { item["link"] = file }
            let yearFacts: [String: Any] = [
                "year": badge.year?.name ?? "", "n": badge.countInYear ?? 0, "cap": rules.capPerYear,
                "paymentMonth": badge.paymentMonth?.description ?? "",
            ]
            switch badge.reason {
            case .counted:
                item["counted"] = yearFacts
            case .approvedByIntent(let declaredOn, _):
                item["counted"] = yearFacts
                item["approvedByIntent"] = ["declaredOn": declaredOn.spelledOut]
            case .bankedApplied:
                item["bankedApplied"] = yearFacts
            case .overCap, .outsideWindow:
                var banked = yearFacts
                let thisYear = badge.year.map { $0.previous } ?? currentYear
                banked["currentYear"] = thisYear.name
                banked["yearStart"] = badge.year.map { calendar.firstDay(of: $0).spelledOut } ?? ""
                banked["windowClose"] = calendar.lastDayOfWindow(thisYear).spelledOut
                banked["autoApply"] = rules.autoApplyBanked
                if case .overCap = badge.reason { banked["overCap"] = true }
                if case .outsideWindow(let day) = badge.reason {
                    banked["outsideWindow"] = true
                    banked["receivedOn"] = day.spelledOut
                    banked["currentYear"] = calendar.contractYear(containing: day).name
                    banked["windowClose"] = calendar.lastDayOfWindow(calendar.contractYear(containing: day)).spelledOut
                }
                item["banked"] = banked
            case .notOnList:
                item["notApproved"] = ["website": rules.contacts.website, "approvalForm": rules.contacts.approvalForm]
            case .removedFromList(let day):
                item["notApproved"] = ["removedOn": day.spelledOut, "website": rules.contacts.website, "approvalForm": rules.contacts.approvalForm]
            case .alreadyRecorded(let on, let status):
                let statusText: String
                switch status {
                case .counted(let year): statusText = "counted for \(year.name)"
                case .banked(let year): statusText = "banked for \(year.name)"
                }
                item["duplicate"] = ["recordedOn": calendar.day(of: on).spelledOut, "status": statusText]
            case .claimedByAnotherTeacher: item["claimedByAnother"] = true
            case .catalogPage: item["catalogPage"] = true
            case .certificateOnly: item["certificate"] = true
            case .badgeImageUnverified: item["badgeImage"] = ["title": badge.mcTitle as Any]
            case .unidentifiedBadge: item["unidentified"] = true
            case .awardedToSomeoneElse: item["someoneElse"] = true
            case .badgeRevoked: item["revoked"] = true
            case .badgeExpired(let day): item["expired"] = ["on": day.spelledOut]
            case .badgePrivate: item["privateBadge"] = true
            case .badgeNotFound: item["badgeNotFound"] = true
            }
            if let pd = badge.pdHours {
                var facts: [String: Any] = ["perMC": Self.hours(rules.pdHoursPerMC)]
                switch pd.state {
                case .credited(let logged, let credited, _):
                    facts["credited"] = ["credited": Self.hours(credited), "logged": Self.hours(logged), "capped": logged > credited, "perMC": Self.hours(rules.pdHoursPerMC)]
                case .pending: facts["pending"] = true
                case .ambiguous: facts["ambiguous"] = ["title": badge.mcTitle ?? "Micro-credential"]
                }
                item["pd"] = facts
            }
            items.append(item)
        }
        var values: [String: Any] = common(greeting: teacher?.firstName ?? recipient.displayName?.split(separator: " ").first.map(String.init) ?? "colleague")
        values["hasBadges"] = !items.isEmpty
        values["items"] = items
        if let standing, decision.badges.contains(where: { [.counted, .banked].contains($0.outcome) }) {
            values["summary"] = ["counted": standing.counted, "cap": rules.capPerYear, "year": standing.year.name, "banked": standing.banked > 0 ? standing.banked as Any : false]
        }
        let updates = decision.pdUpdates.map { u -> [String: Any] in
            ["title": u.badge.mcTitle, "credited": Self.hours(u.decision.credited ?? 0), "capped": u.decision.wasCapped,
             "logged": Self.hours(u.decision.logged ?? 0), "perMC": Self.hours(rules.pdHoursPerMC)]
        }
        values["pdUpdates"] = updates
        values["hasPDUpdates"] = !updates.isEmpty
        for note in decision.notes {
            switch note {
            case .noBadgeFound: values["noBadgeFound"] = true
            case .vanishedMC: values["vanished"] = ["pgtNames": rules.contacts.professionalGrowthTeam.map(\.name).joined(separator: " or ")]
            case .pdHoursUnmatched: values["pdUnmatched"] = true
            case .pdLogProblems(let problems):
                values["pdProblems"] = problems.map { ["source": $0.source, "problem": $0.problem] }
                values["hasPDProblems"] = true
            case .answered(let topics):
                var answers: [String: Any] = [:]
                for topic in topics { answers[Self.templateKey(topic)] = true }
                values["answers"] = answers
            case .acknowledgement: break  // never answered: the processor sends no reply
            }
        }
        let body = context.templates.render("reply", values)
        return outboxItem(
            kind: "reply", outcomes: decision.outcomes.map(\.rawValue), ref: ref, messageRowID: messageRowID, teacherID: teacher?.id,
            to: [recipient], cc: cc, subject: Self.replySubject(original.subject), inReplyTo: original, body: body, autoSubmitted: "auto-replied")
    }

    /// HR (or the Professional Growth Team) is asked to look at a message; the original is attached.
    func reviewNotice(
        reviewer: Reviewer, reasons: [String], original: Intake?, rawBytes: [UInt8], teacher: Teacher?, teacherTold: Bool, ref: String,
        messageRowID: Int64, receivedAt: Date
    ) -> OutboxItem {
        var values = common(greeting: "")
        values["from"] = original?.from?.headerValue ?? "(no sender)"
        values["subject"] = original?.subject ?? ""
        values["receivedAt"] = Self.format(receivedAt, in: calendar.timeZone)
        values["messageRowID"] = messageRowID
        values["reasons"] = reasons
        values["teacherTold"] = teacherTold
        if let teacher { values["teacher"] = ["name": teacher.name, "employeeID": teacher.employeeID, "building": teacher.building as Any] }
        let recipients = reviewer == .hr ? rules.contacts.hr : rules.contacts.professionalGrowthTeam
        let who = teacher?.name ?? original?.from?.normalized ?? "unknown sender"
        return outboxItem(
            kind: "review", outcomes: [Outcome.needsReview.rawValue], ref: ref, messageRowID: messageRowID, teacherID: teacher?.id,
            to: recipients.map { MailAddress(displayName: $0.name, address: $0.email) }, cc: [],
            subject: "Micro-credential review: \(who)", inReplyTo: nil, body: context.templates.render("review", values),
            autoSubmitted: "auto-generated", attachments: [.originalMessage(rawBytes)])
    }

    /// HR is told once that a message went to Quarantine.
    func quarantineNotice(from: String?, subject: String?, reason: String, sha256: String, ref: String, messageRowID: Int64, receivedAt: Date) -> OutboxItem {
        var values = common(greeting: "")
        values["from"] = from ?? "(unreadable)"
        values["subject"] = subject ?? "(unreadable)"
        values["receivedAt"] = Self.format(receivedAt, in: calendar.timeZone)
        values["messageRowID"] = messageRowID
        values["reason"] = reason
        values["sha256"] = sha256
        values["folder"] = context.settings.quarantineFolder
        return outboxItem(
            kind: "quarantine", outcomes: [Outcome.needsReview.rawValue], ref: ref, messageRowID: messageRowID, teacherID: nil,
            to: rules.contacts.hr.map { MailAddress(displayName: $0.name, address: $0.email) }, cc: [],
            subject: "Micro-credential mailbox: a message was quarantined", inReplyTo: nil,
            body: context.templates.render("quarantine", values), autoSubmitted: "auto-generated")
    }

    /// A district sender who is not on the roster is asked to write from their roster address.
    func districtAccountReply(to original: Intake, recipient: MailAddress, ref: String, messageRowID: Int64) -> OutboxItem {
        var values = common(greeting: "")
        values["address"] = recipient.address
        return outboxItem(
            kind: "reply", outcomes: [Outcome.needsReview.rawValue], ref: ref, messageRowID: messageRowID, teacherID: nil,
            to: [recipient], cc: [], subject: Self.replySubject(original.subject), inReplyTo: original,
            body: context.templates.render("district-account", values), autoSubmitted: "auto-replied")
    }

    /// The July 1 notice of banked badges applied.
    func rolloverNotice(teacher: Teacher, plan: RolloverPlan) -> OutboxItem {
        var values = common(greeting: teacher.firstName)
        values["year"] = plan.year.name
        values["yearStart"] = calendar.firstDay(of: plan.year).spelledOut
        values["windowClose"] = calendar.lastDayOfWindow(plan.year).spelledOut
        values["applied"] = plan.applied.map {
            ["title": $0.badge.mcTitle, "n": $0.countInYear, "cap": rules.capPerYear, "year": plan.year.name,
             "paymentMonth": calendar.paymentMonth(of: plan.year).description] as [String: Any]
        }
        values["stillBanked"] = plan.stillBanked.map { ["title": $0.mcTitle, "nextYear": plan.year.next.name] }
        values["hasStillBanked"] = !plan.stillBanked.isEmpty
        let room = rules.capPerYear - (plan.applied.last?.countInYear ?? 0)
        if room > 0 { values["room"] = room }
        let outcomes: [Outcome] = plan.stillBanked.isEmpty ? [.rollover, .counted] : [.rollover, .counted, .banked]
        return outboxItem(
            kind: "rollover", outcomes: outcomes.sorted().map(\.rawValue), ref: "teacher-\(teacher.id!)", messageRowID: nil, teacherID: teacher.id,
            to: [MailAddress(displayName: teacher.name, address: teacher.email)], cc: [],
            subject: "Your banked micro-credentials now count for \(plan.year.name)", inReplyTo: nil,
            body: context.templates.render("rollover", values), autoSubmitted: "auto-generated")
    }

    /// A September reminder of the deadline, personalised.
    func reminderNotice(teacher: Teacher, year: ContractYear, counted: Int, declared: [String], pdMissing: [String], banked: Int) -> OutboxItem {
        var values = common(greeting: teacher.firstName)
        values["year"] = year.name
        values["windowClose"] = calendar.lastDayOfWindow(year).spelledOut
        values["counted"] = counted
        values["cap"] = rules.capPerYear
        values["declared"] = declared
        values["hasDeclared"] = !declared.isEmpty
        values["pdMissing"] = pdMissing
        values["hasPDMissing"] = !pdMissing.isEmpty
        if banked > 0 { values["banked"] = banked }
        return outboxItem(
            kind: "reminder", outcomes: [Outcome.reminder.rawValue], ref: "teacher-\(teacher.id!)", messageRowID: nil, teacherID: teacher.id,
            to: [MailAddress(displayName: teacher.name, address: teacher.email)], cc: [],
            subject: "Reminder: micro-credential badges for \(year.name) are due \(calendar.lastDayOfWindow(year).spelledOut)", inReplyTo: nil,
            body: context.templates.render("reminder", values), autoSubmitted: "auto-generated")
    }

    /// A report for HR or the PD-hours contact (`report` template), with its file attached.
    func reportNotice(to: [MailAddress], subject: String, values extra: [String: Any], command: String, attachment: OutgoingAttachment?) -> OutboxItem {
        var values = common(greeting: "")
        values.merge(extra) { $1 }
        values["command"] = command
        values["hasAttachment"] = attachment != nil
        return outboxItem(
            kind: "report", outcomes: [Outcome.report.rawValue], ref: "report", messageRowID: nil, teacherID: nil, to: to, cc: [], subject: subject,
            inReplyTo: nil, body: context.templates.render("report", values), autoSubmitted: "auto-generated", attachments: attachment.map { [$0] } ?? [])
    }

    /// Facts every template may use.
    private func common(greeting: String) -> [String: Any] {
        [
            "greetingName": greeting, "botName": context.settings.botAddress.displayName ?? "Micro-credential submissions",
            "hrContact": context.hrContactText, "website": rules.contacts.website, "approvalForm": rules.contacts.approvalForm,
            "pdContact": "\(rules.contacts.pdHours.name) <\(rules.contacts.pdHours.email)>", "perMC": Self.hours(rules.pdHoursPerMC),
            "capCount": rules.capPerYear, "windowClose": calendar.windowClose.spelledOut,
            "yearStartMonthDay": calendar.contractYearStart.spelledOut,
        ]
    }

    private func outboxItem(
        kind: String, outcomes: [String], ref: String, messageRowID: Int64?, teacherID: Int64?, to: [MailAddress], cc: [MailAddress],
        subject: String, inReplyTo original: Intake?, body: String, autoSubmitted: String, attachments: [OutgoingAttachment] = []
    ) -> OutboxItem {
        let id = context.newMessageID()
        var references = original?.references ?? []
        if let parent = original?.messageID {
            references.append(parent)
        }
        let message = OutgoingMessage(
            from: context.settings.botAddress, to: to, cc: cc, subject: subject, messageID: id, date: context.clock.now,
            inReplyTo: original?.messageID, references: Array(references.suffix(20)),
            extraHeaders: [
                HeaderField(name: "Auto-Submitted", value: autoSubmitted),
                HeaderField(name: "X-Auto-Response-Suppress", value: "All"),
                HeaderField(name: "X-Mcbot-Outcome", value: outcomes.joined(separator: ",")),
                HeaderField(name: "X-Mcbot-Ref", value: ref),
            ],
            textBody: body, attachments: attachments)
        let recipients = (to + cc).map(\.address).filter { $0.lowercased() != context.settings.botAddress.normalized }
        return OutboxItem(
            messageIDHeader: id, kind: kind, outcomes: outcomes, ref: ref, messageRowID: messageRowID, teacherID: teacherID,
            envelopeFrom: context.settings.botAddress.address, recipients: recipients, subject: subject, bytes: message.render(),
            createdAt: context.clock.now)
    }

    static func replySubject(_ subject: String) -> String {
        let trimmed = subject.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return "Re: your micro-credential submission" }
        return trimmed.lowercased().hasPrefix("re:") ? trimmed : "Re: " + trimmed
    }

    /// 7.5 -> "7.5", 8.0 -> "8".
    static func hours(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value).replacingOccurrences(of: #"0+$"#, with: "", options: .regularExpression)
    }

    static func templateKey(_ topic: QuestionTopic) -> String {
        switch topic {
        case .fees: "fees"
        case .discretionaryFunds: "discretionaryFunds"
        case .deadline: "deadline"
        case .cap: "cap"
        case .banking: "banking"
        case .pdHours: "pdHours"
        case .approval: "approval"
        case .coursework: "coursework"
        case .vanishedMC: "vanished"
        }
    }

    static func format(_ date: Date, in zone: TimeZone) -> String { DistrictTime.format(date, in: zone) }
}
