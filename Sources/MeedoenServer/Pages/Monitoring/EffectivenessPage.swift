import MeedoenCore
import Vapor

/// "Wat werkt": per intervention, side by side within each kind, over the enrolments started in a period.
enum EffectivenessPage {
    /// Too few enrolments to show (small numbers are suppressed).
    static func hidden(_ l: EffectivenessService.Line) -> Bool { l.summary.enrolments < Suppression.threshold }

    static func show(_ req: Request) async throws -> Response {
        _ = try MonitorPages.requireViewer(req)
        let today = req.today
        let months = min(60, max(3, req.query[Int.self, at: "maanden"] ?? 24))
        let from = today.adding(months: -months).iso
        let to = today.iso
        let assumptions = req.policies.indicators.effectiveness
        let lines = try await EffectivenessService.lines(from: from, to: to, assumptions: assumptions, in: req.context)
        if let format = Export.format(req) {
            return Export.response(
                format, "wat-werkt",
                header: [
                    "aanbod", "soort", "aanbieder", "trajecten", "beeindigd", "uitstroom_werk_pct", "doorstroom_pct",
                    "zrm_verandering", "zrm_laag", "zrm_hoog",
                    "duur_dagen", "wachttijd_dagen", "kosten_per_traject_eur", "kosten_per_succes_eur",
                    "maatschappelijk_saldo_eur", "ervaring",
                ],
                rows: lines.filter { !Self.hidden($0) }.map { l in
                    let s = l.summary
                    return [
                        l.name, req.t(l.type.label), l.provider, String(s.enrolments), String(s.ended),
                        CSV.number(s.exitRate.map { $0 * 100 }), CSV.number(s.stepUpRate.map { $0 * 100 }),
                        CSV.number(s.zrm?.mean, decimals: 2), CSV.number(s.zrm?.low, decimals: 2),
                        CSV.number(s.zrm?.high, decimals: 2),
                        CSV.number(s.meanDurationDays, decimals: 0), CSV.number(s.meanWaitDays, decimals: 0),
                        CSV.number(s.costPerTrajectoryCents.map { Double($0) / 100 }, decimals: 2),
                        CSV.number(s.costPerSuccessCents.map { Double($0) / 100 }, decimals: 2),
                        CSV.number(s.netBenefitCents.map { Double($0) / 100 }, decimals: 2),
                        CSV.number(s.experience.flatMap { $0.n >= Suppression.threshold ? $0.mean : nil }, decimals: 2),
                    ]
                })
        }
        return req.page(
            req.t("Wat werkt", "What works"), view(lines: lines, months: months, assumptions: assumptions, req.view))
    }

}
