import Foundation

/// The district's rules as a pure function: (rules, approved list, a teacher's ledger, evidence,
/// clock) -> decisions. Nothing here reads files, clocks or databases.
public struct Validator: Sendable {
    public var rules: PolicyRules
    public var approved: ApprovedList

    public init(rules: PolicyRules, approved: ApprovedList) {
        self.rules = rules
        self.approved = approved
    }

    private var calendar: SubmissionCalendar { rules.calendar }

    public func decide(_ context: SubmissionContext) -> MessageDecision {
        let day = calendar.day(of: context.receivedAt)
        var decisions: [BadgeDecision] = []
        var ledger = context.history
        var nextID: Int64 = -1  // placeholder ids for badges decided in this message

        for evidence in context.evidence {
            var decision = decideOne(evidence, on: day, receivedAt: context.receivedAt, ledger: ledger, context: context)
            if decision.outcome == .counted || decision.outcome == .banked, let mcID = decision.mcID, let year = decision.year {
                let status: RecordedBadge.Status = decision.outcome == .counted ? .counted(year) : .banked(for: year)
                ledger.removeAll { $0.badgeKey == evidence.key }
                ledger.append(RecordedBadge(id: nextID, badgeKey: evidence.key, mcID: mcID, mcTitle: decision.mcTitle ?? mcID, status: status, receivedAt: context.receivedAt))
                nextID -= 1
            }
            decision.evidence = evidence
            decisions.append(decision)
        }
        assignPDHours(&decisions, statements: context.pdStatements)

        var notes: [MessageDecision.Note] = []
        var pdUpdates: [PDHoursUpdate] = []
        let hasBadge = decisions.contains { [.counted, .banked, .duplicate, .notApproved].contains($0.outcome) || [.badgeLink, .bakedBadge].contains($0.evidence.kind) }
        // Hours sent with any evidence belong to it (HR sees them with a badge under review); only a
        // message without evidence may be a log for a badge sent earlier in the thread.
        if decisions.isEmpty && !context.pdStatements.isEmpty {
            pdUpdates = lateLog(context.pdStatements, pending: context.pendingInThread)
            if pdUpdates.isEmpty { notes.append(.pdHoursUnmatched) }
        }
        if !context.pdProblems.isEmpty { notes.append(.pdLogProblems(context.pdProblems)) }
        let topics = context.questionTopics.filter { $0 != .vanishedMC }
        if context.questionTopics.contains(.vanishedMC) && !hasBadge { notes.append(.vanishedMC) }
        if !topics.isEmpty && decisions.isEmpty { notes.append(.answered(topics)) }
        if decisions.isEmpty && pdUpdates.isEmpty && notes.isEmpty { notes.append(context.repliesToBot ? .acknowledgement : .noBadgeFound) }
        return MessageDecision(badges: decisions, pdUpdates: pdUpdates, notes: notes)
    }

    private func decideOne(_ evidence: Evidence, on day: CalendarDay, receivedAt: Date, ledger: [RecordedBadge], context: SubmissionContext) -> BadgeDecision {
        if let problem = awardProblem(evidence, on: day) { return problem }
        switch evidence.kind {
        case .catalogLink:
            // Name the MC the page describes (its last path segment) so the teacher knows which one we mean.
            let slug = evidence.url.map { URLPattern.normalize($0) }?.split(separator: "/").last.map(String.init)
            let title = slug.flatMap { approved.mc(forBadgeName: Self.title(fromSlug: $0))?.title } ?? slug.map(Self.title(fromSlug:))
            return BadgeDecision(outcome: .needsMore, reason: .catalogPage, evidence: evidence, mcTitle: title, providerID: evidence.providerID)
        case .certificate:
            return BadgeDecision(outcome: .needsReview, reason: .certificateOnly, evidence: evidence, reviewer: .hr)
        case .badgeImage:
            return BadgeDecision(
                outcome: .needsReview, reason: .badgeImageUnverified, evidence: evidence, mcID: evidence.mc?.mcID, mcTitle: evidence.mc?.title,
                providerID: evidence.providerID, reviewer: .hr)
        case .bakedBadge:
            if evidence.mc == nil {
                return BadgeDecision(outcome: .needsReview, reason: .unidentifiedBadge, evidence: evidence, providerID: evidence.providerID, reviewer: .hr)
            }
        case .badgeLink:
            break
        }
        guard let mc = evidence.mc else {
            if let named = evidence.namedMC {
                // The link names its MC, and no approved-list row has ever listed it.
                return BadgeDecision(outcome: .notApproved, reason: .notOnList, evidence: evidence, mcID: named, mcTitle: Self.title(fromSlug: named),
                                     providerID: evidence.providerID)
            }
            return BadgeDecision(outcome: .needsReview, reason: .unidentifiedBadge, evidence: evidence, providerID: evidence.providerID, reviewer: .hr)
        }
        func decision(_ outcome: Outcome, _ reason: BadgeDecision.Reason) -> BadgeDecision {
            BadgeDecision(outcome: outcome, reason: reason, evidence: evidence, mcID: mc.mcID, mcTitle: mc.title, providerID: mc.provider)
        }

        // Own work: a badge another teacher already submitted is for HR to look at, never counted twice.
        if context.claimedByOthers.contains(evidence.key) {
            var d = decision(.needsReview, .claimedByAnotherTeacher)
            d.reviewer = .hr
            return d
        }

        // The same badge (or the same MC) again from this teacher.
        if let earlier = ledger.first(where: { $0.badgeKey == evidence.key || $0.mcID == mc.mcID }) {
            if let bankedFor = earlier.bankedFor, calendar.isInWindow(day), calendar.yearToCount(on: day) >= bankedFor {
                // A banked badge resubmitted once its year's window is open: apply it now.
                let applied = place(decision(.counted, .bankedApplied(bankedOn: earlier.receivedAt, recordID: earlier.id)), on: day, ledger: ledger.filter { $0.id != earlier.id })
                // With the year's cap already full it stays banked, as it was.
                return applied.outcome == .counted ? applied : decision(.duplicate, .alreadyRecorded(on: earlier.receivedAt, status: earlier.status))
            }
            return decision(.duplicate, .alreadyRecorded(on: earlier.receivedAt, status: earlier.status))
        }

        // Approval: at the declaration on the approval form when there is one, else at issue, else now.
        var approvedThroughIntent: CalendarDay?
        if let declared = context.intents[mc.mcID], approved.isApproved(mc.mcID, on: declared) {
            if !approved.isApproved(mc.mcID, on: evidence.issuedOn ?? day) { approvedThroughIntent = declared }
        } else {
            let judgedOn = evidence.issuedOn ?? day
            if !approved.isApproved(mc.mcID, on: judgedOn) {
                if let removed = approved.removal(of: mc.mcID, before: judgedOn) {
                    return decision(.notApproved, .removedFromList(on: removed))
                }
                return decision(.notApproved, .notOnList)
            }
        }
        var placed = place(decision(.counted, .counted), on: day, ledger: ledger)
        if let declared = approvedThroughIntent {
            placed.approvedByIntent = declared
            if placed.outcome == .counted {
                placed.reason = .approvedByIntent(declaredOn: declared, removedOn: approved.removal(of: mc.mcID, before: day))
            }
        }
        return placed
    }

    /// What the badge's own award (baked, or as its platform answered) rules out before the district's rules apply.
    private func awardProblem(_ evidence: Evidence, on day: CalendarDay) -> BadgeDecision? {
        func decision(_ outcome: Outcome, _ reason: BadgeDecision.Reason) -> BadgeDecision {
            BadgeDecision(outcome: outcome, reason: reason, evidence: evidence, mcID: evidence.mc?.mcID, mcTitle: evidence.mc?.title ?? evidence.award?.badgeName,
                          providerID: evidence.providerID, reviewer: outcome == .needsReview ? .hr : nil)
        }
        switch evidence.hostedCheck {
        case .revoked: return decision(.needsReview, .badgeRevoked)
        case .notFound: return decision(.needsMore, .badgeNotFound)
        case .private: return decision(.needsMore, .badgePrivate)
        default: break
        }
        guard let award = evidence.award else { return nil }
        if award.revoked { return decision(.needsReview, .badgeRevoked) }
        if award.recipientIsTeacher == false { return decision(.needsReview, .awardedToSomeoneElse) }
        if let expired = award.expiresOn, expired < day { return decision(.needsReview, .badgeExpired(on: expired)) }
        return nil
    }

    /// "growth-mindset-2" -> "Growth Mindset 2".
    static func title(fromSlug slug: String) -> String {
        slug.split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == "+" }).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }

    /// Counts the badge in the open window's year when the cap allows, else banks it.
    private func place(_ base: BadgeDecision, on day: CalendarDay, ledger: [RecordedBadge]) -> BadgeDecision {
        var d = base
        let year = calendar.yearToCount(on: day)
        guard calendar.isInWindow(day) else {
            d.outcome = .banked
            d.reason = .outsideWindow(receivedOn: day)
            d.year = year
            d.paymentMonth = calendar.paymentMonth(of: year)
            return d
        }
        let counted = ledger.filter { $0.countedYear == year }.count
        if counted < rules.capPerYear {
            d.outcome = .counted
            d.year = year
            d.countInYear = counted + 1
            d.paymentMonth = calendar.paymentMonth(of: year)
        } else {
            d.outcome = .banked
            d.reason = .overCap(countedAlready: counted)
            d.year = year.next
            d.paymentMonth = calendar.paymentMonth(of: year.next)
        }
        return d
    }

    /// Gives each counted or banked MC its hours: a log line naming the MC, else the only number for
    /// the only MC; several MCs with one unnamed number are ambiguous; no number means pending.
    private func assignPDHours(_ decisions: inout [BadgeDecision], statements: [PDHoursStatement]) {
        let earning = decisions.indices.filter { [.counted, .banked].contains(decisions[$0].outcome) }
        let unnamed = statements.filter { $0.mcHint == nil }
        for i in earning {
            let title = (decisions[i].mcTitle ?? "").lowercased()
            let id = (decisions[i].mcID ?? "").lowercased()
            let named = statements.filter { s in
                guard let hint = s.mcHint?.lowercased(), !hint.isEmpty else { return false }
                return (!title.isEmpty && (title.contains(hint) || hint.contains(title))) || hint == id
            }
            if !named.isEmpty {
                decisions[i].pdHours = credit(named.map(\.hours).reduce(0, +), source: named.map(\.source).joined(separator: ", "))
            } else if earning.count == 1 && !statements.isEmpty {
                let all = unnamed.isEmpty ? statements : unnamed
                decisions[i].pdHours = credit(all.map(\.hours).reduce(0, +), source: all.map(\.source).joined(separator: ", "))
            } else if !unnamed.isEmpty {
                decisions[i].pdHours = PDHoursDecision(.ambiguous)
            } else {
                decisions[i].pdHours = PDHoursDecision(.pending)
            }
        }
    }

    private func credit(_ logged: Double, source: String) -> PDHoursDecision {
        PDHoursDecision(.credited(logged: logged, credited: min(logged, rules.pdHoursPerMC), source: source))
    }

    /// A PD log sent later in the conversation: the same matching as with the badge.
    private func lateLog(_ statements: [PDHoursStatement], pending: [RecordedBadge]) -> [PDHoursUpdate] {
        var fake = pending.map { badge in
            BadgeDecision(outcome: .counted, reason: .counted, evidence: Evidence(kind: .badgeLink, key: badge.badgeKey), mcID: badge.mcID, mcTitle: badge.mcTitle)
        }
        assignPDHours(&fake, statements: statements)
        return zip(pending, fake).compactMap { badge, decision in
            guard let pd = decision.pdHours, !pd.isPending else { return nil }
            return PDHoursUpdate(badge: badge, decision: pd)
        }
    }
}
