import Foundation
import Logging
import Policy
import Store

/// Everything the worker and the commands share: configuration, rules, database, templates, clock.
public struct BotContext: Sendable {
    public var settings: Settings
    public var policy: PolicyLoader.Loaded
    public var store: Store
    public var templates: TemplateLibrary
    public var clock: Clock
    public var logger: Logger
    /// Asks badge platforms for hosted awards (the allowed hosts of `settings.badgeFetch` only).
    public var badgeFetcher: BadgeFetcher

    public init(
        settings: Settings, policy: PolicyLoader.Loaded, store: Store, templates: TemplateLibrary, clock: Clock, logger: Logger,
        badgeFetcher: BadgeFetcher? = nil
    ) {
        self.settings = settings
        self.policy = policy
        self.store = store
        self.templates = templates
        self.clock = clock
        self.logger = logger
        self.badgeFetcher = badgeFetcher ?? .live(settings.badgeFetch)
    }

    public var rules: PolicyRules { policy.rules }

    /// Loads configuration, policy and templates and opens the database; every problem is reported by key.
    public static func load(
        configFile: String, clock: Clock, environment: [String: String] = ProcessInfo.processInfo.environment, requireMailSecrets: Bool = true
    ) async throws -> BotContext {
        let settings = try await Settings.load(file: configFile, environment: environment, requireMailSecrets: requireMailSecrets)
        let policy = try await PolicyLoader.load(file: settings.policyPath, environment: environment)
        let templates = try await TemplateLibrary(directory: settings.templatesPath)
        let store = try Store(path: settings.databasePath)
        var logger = Logger(label: "mcbot")
        logger.logLevel = Logger.Level(rawValue: settings.logLevel) ?? .info
        return BotContext(settings: settings, policy: policy, store: store, templates: templates, clock: clock, logger: logger)
    }

    /// A fresh Message-ID on the configured domain.
    func newMessageID() -> String {
        "mcbot." + UUID().uuidString.lowercased() + "@" + settings.messageIDDomain
    }

    /// "Human Resources <hr@district.org>" for replies.
    var hrContactText: String {
        rules.contacts.hr.map { "\($0.name) <\($0.email)>" }.joined(separator: " or ")
    }
}
