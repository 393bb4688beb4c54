import GRDB

/// The database schema, as migrations. A migration, once released, is never edited: add a new one.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "rawMessage") { t in
                t.primaryKey("sha256", .text)
                t.column("bytes", .blob).notNull()
                t.column("size", .integer).notNull()
            }
            try db.create(table: "teacher") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("employeeID", .text).notNull().unique()
                t.column("name", .text).notNull()
                t.column("email", .text).notNull().unique()
                t.column("building", .text)
                t.column("active", .boolean).notNull().defaults(to: true)
                t.column("updatedAt", .datetime).notNull()
            }
            try db.create(table: "teacherAddress") { t in
                t.primaryKey("address", .text)
                t.column("teacherID", .integer).notNull().references("teacher", onDelete: .cascade)
            }
            // The ledger: one row per message ever seen, keyed both by its IMAP position and its content.
            try db.create(table: "message") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("mailbox", .text).notNull()
                t.column("uidValidity", .integer).notNull()
                t.column("uid", .integer).notNull()
                t.column("messageIDHeader", .text).notNull()  // "" when the message has none
                t.column("sha256", .text).notNull().references("rawMessage")
                t.column("size", .integer).notNull()
                t.column("receivedAt", .datetime).notNull()
                t.column("fromAddress", .text)
                t.column("subject", .text)
                t.column("kind", .text)
                t.column("outcome", .text).notNull()   // processed | ignored | quarantined
                t.column("outcomes", .text).notNull().defaults(to: "")  // decision outcomes, comma separated
                t.column("reason", .text)
                t.column("teacherID", .integer).references("teacher")
                t.column("threadKeys", .text).notNull().defaults(to: "")  // Message-IDs this message answers
                t.column("movedTo", .text)
                t.uniqueKey(["mailbox", "uidValidity", "uid"])
                t.uniqueKey(["messageIDHeader", "sha256"])
            }
            try db.create(table: "submission") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("messageRowID", .integer).notNull().references("message")
                t.column("teacherID", .integer).references("teacher")
                t.column("evidenceKind", .text).notNull()
                t.column("badgeKey", .text).notNull()
                t.column("badgeURL", .text)
                t.column("filename", .text)
                t.column("mcID", .text)
                t.column("mcTitle", .text)
                t.column("provider", .text)
                t.column("outcome", .text).notNull()
                t.column("reason", .text).notNull()
                t.column("status", .text).notNull()  // counted | banked | none
                t.column("contractYear", .integer)   // counted in, or banked for
                t.column("countInYear", .integer)
                t.column("pdState", .text).notNull().defaults(to: "none")  // credited | pending | ambiguous | none
                t.column("pdLogged", .double)
                t.column("pdCredited", .double)
                t.column("pdSource", .text)
                t.column("receivedAt", .datetime).notNull()
                t.column("updatedAt", .datetime).notNull()
            }
            // A badge counts or waits banked once per teacher; the database enforces it.
            try db.create(index: "submissionRecordedBadge", on: "submission", columns: ["teacherID", "badgeKey"], unique: true,
                          condition: Column("status") != "none")
            try db.create(index: "submissionBadgeKey", on: "submission", columns: ["badgeKey"])
            try db.create(table: "outbox") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("messageIDHeader", .text).notNull().unique()
                t.column("kind", .text).notNull()      // reply | review | reminder | rollover | report | quarantine
                t.column("outcomes", .text).notNull()
                t.column("ref", .text).notNull()
                t.column("messageRowID", .integer).references("message")
                t.column("teacherID", .integer).references("teacher")
                t.column("envelopeFrom", .text).notNull()
                t.column("recipients", .text).notNull()  // comma separated
                t.column("subject", .text).notNull()
                t.column("bytes", .blob).notNull()
                t.column("createdAt", .datetime).notNull()
                t.column("attempts", .integer).notNull().defaults(to: 0)
                t.column("attemptStartedAt", .datetime)  // set while a send is in flight; left set by a crash
                t.column("nextAttemptAt", .datetime).notNull()
                t.column("sentAt", .datetime)
                t.column("lastError", .text)
                t.column("status", .text).notNull().defaults(to: "pending")  // pending | sent | failed
            }
            try db.create(index: "outboxDue", on: "outbox", columns: ["status", "nextAttemptAt"])
            try db.create(table: "review") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("createdAt", .datetime).notNull()
                t.column("reviewer", .text).notNull()  // hr | professional-growth-team
                t.column("reason", .text).notNull()
                t.column("messageRowID", .integer).references("message")
                t.column("submissionID", .integer).references("submission")
                t.column("teacherID", .integer).references("teacher")
                t.column("status", .text).notNull().defaults(to: "open")
                t.column("resolvedAt", .datetime)
                t.column("note", .text)
            }
            try db.create(table: "audit") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("at", .datetime).notNull()
                t.column("actor", .text).notNull()
                t.column("action", .text).notNull()
                t.column("subject", .text)
                t.column("detail", .text)
            }
            // Approved-list periods. Rows are never edited: a changed period is superseded by a new row.
            try db.create(table: "approvedPeriod") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("mcID", .text).notNull()
                t.column("provider", .text).notNull()
                t.column("title", .text).notNull()
                t.column("badgePatterns", .text).notNull()   // newline separated
                t.column("badgeClassIDs", .text).notNull()
                t.column("badgeNames", .text).notNull()
                t.column("addedOn", .text).notNull()
                t.column("removedOn", .text)
                t.column("importedAt", .datetime).notNull()
                t.column("source", .text).notNull()
                t.column("supersededAt", .datetime)
            }
            try db.create(table: "intent") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("email", .text).notNull()
                t.column("mcID", .text).notNull()
                t.column("declaredOn", .text).notNull()
                t.column("declaredAt", .datetime).notNull()
                t.column("importedAt", .datetime).notNull()
                t.uniqueKey(["email", "mcID"])
            }
            try db.create(table: "mailboxState") { t in
                t.primaryKey("mailbox", .text)
                t.column("uidValidity", .integer)
                t.column("lastPollAt", .datetime)
                t.column("lastError", .text)
                t.column("lastErrorAt", .datetime)
            }
            // Scheduled jobs (reminders, roll-overs) that must run once per period.
            try db.create(table: "scheduledRun") { t in
                t.column("job", .text).notNull()
                t.column("period", .text).notNull()
                t.column("ranAt", .datetime).notNull()
                t.primaryKey(["job", "period"])
            }
            try db.create(table: "setting") { t in
                t.primaryKey("key", .text)
                t.column("value", .text).notNull()
            }
        }
        // When a badge's PD hours were credited, for the monthly PD-hours export.
        migrator.registerMigration("v2-pd-credited-at") { db in
            try db.alter(table: "submission") { t in t.add(column: "pdCreditedAt", .datetime) }
            try db.execute(sql: "UPDATE submission SET pdCreditedAt = updatedAt WHERE pdState = 'credited'")
        }
        return migrator
    }
}
