import Foundation

/// Where a badge link's machine-readable award lives. Badge platforms show people an HTML page;
/// the Open Badges JSON is at an API address derived from the page's (shapes from the platforms'
/// public documentation). Any other link is asked for JSON as it is.
public enum HostedAssertion {
    /// The URL to fetch for `link` (with `Accept: application/ld+json, application/json`).
    public static func url(forBadgeLink link: String) -> String {
        guard let components = URLComponents(string: link), let host = components.host?.lowercased() else { return link }
        let segments = components.path.split(separator: "/").map(String.init)
        let bareHost = host.hasPrefix("www.") ? String(host.dropFirst(4)) : host

        // Credly (and its old name Acclaim): /badges/<uuid>[/public_url|/embed|...]
        if ["credly.com", "youracclaim.com"].contains(bareHost), segments.count >= 2, segments[0] == "badges" {
            return "https://api.credly.com/v1/obi/v2/badge_assertions/\(segments[1])"
        }
        // Badgr / Canvas Credentials: badgr.com/public/assertions/<id> -> api.badgr.io; api.<region>.badgr.io as is.
        if segments.count >= 3, segments[0] == "public", segments[1] == "assertions" {
            let id = segments[2].hasSuffix(".json") ? String(segments[2].dropLast(5)) : segments[2]
            if bareHost == "badgr.com" || bareHost == "badgr.io" {
                return "https://api.badgr.io/public/assertions/\(id)?v=2_0"
            }
            if bareHost.hasSuffix(".badgr.io") {
                return "https://\(bareHost)/public/assertions/\(id)?v=2_0"
            }
        }
        // BadgeList: the page /<group>/<badge>/u/<user>, the assertion /<group>/<badge>/o/<user>.json
        if bareHost.hasSuffix("badgelist.com"), segments.count == 4, segments[2] == "u" {
            return "https://\(host)/\(segments[0])/\(segments[1])/o/\(segments[3]).json"
        }
        return link
    }
}
