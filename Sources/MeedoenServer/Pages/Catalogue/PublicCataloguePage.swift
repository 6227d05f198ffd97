import MeedoenCore
import Vapor

/// The public catalogue ([4/5], first part): every service of the basic package and each district's
/// plus package — what it is, who it is for, how to apply, where, and whether there is a waiting
/// list. No sign-in, no personal data: only the catalogue and counts of free places.
enum PublicCataloguePage {
    enum Situation: String, CaseIterable {
        case young, middle, older, municipalBenefit, otherBenefit, noBenefit

        func label(_ t: Texts) -> String {
            switch self {
            case .young: t("Ik ben 18 tot 27 jaar", "I am 18 to 27")
            case .middle: t("Ik ben 27 tot 50 jaar", "I am 27 to 50")
            case .older: t("Ik ben 50 jaar of ouder", "I am 50 or older")
            case .municipalBenefit:
                t("Ik heb een bijstandsuitkering (of IOAW/IOAZ)", "I receive social assistance (or IOAW/IOAZ)")
            case .otherBenefit:
                t("Ik heb een uitkering van UWV (WW, WIA, Wajong)", "I receive a UWV benefit (WW, WIA, Wajong)")
            case .noBenefit: t("Ik heb geen uitkering", "I receive no benefit")
            }
        }

        /// Whether an offer with these criteria is open to someone in this situation.
        func admits(_ c: AccessCriteria) -> Bool {
            func ages(_ low: Int, _ high: Int) -> Bool { (c.minAge ?? 0) <= high && (c.maxAge ?? 200) >= low }
            func benefits(_ kinds: [BenefitKind]) -> Bool {
                c.benefitKinds.isEmpty || !Set(c.benefitKinds).isDisjoint(with: kinds)
            }
            switch self {
            case .young: return ages(18, 27)
            case .middle: return ages(27, 49)
            case .older: return ages(50, 67)
            case .municipalBenefit: return benefits([.participatiewet, .ioaw, .ioaz])
            case .otherBenefit: return benefits([.ww, .wia, .wajong])
            case .noBenefit: return benefits([.none])
            }
        }
    }

    /// Who an offer is for, in plain words, from its access criteria.
    static func audience(_ c: AccessCriteria, topRung: Int = 6, _ t: Texts) -> String {
        var parts: [String] = []
        switch (c.minAge, c.maxAge) {
        case (let lo?, let hi?): parts.append(t("\(lo) tot en met \(hi) jaar", "aged \(lo) to \(hi)"))
        case (let lo?, nil): parts.append(t("vanaf \(lo) jaar", "aged \(lo) and over"))
        case (nil, let hi?): parts.append(t("tot en met \(hi) jaar", "up to \(hi)"))
        default: break
        }
        if !c.benefitKinds.isEmpty {
            let label: [BenefitKind: String] = [
                .participatiewet: t("bijstand", "social assistance"), .ioaw: "IOAW", .ioaz: "IOAZ", .ww: "WW",
                .wia: "WIA", .wajong: "Wajong",
                .none: t("zonder uitkering", "without benefit"),
            ]
            let names = c.benefitKinds.map { label[$0] ?? $0.rawValue }
            parts.append(t("met ", "with ") + names.joined(separator: ", "))
        }
        // In plain words, not as rungs of a ladder (B1): how far someone is from work.
        if let low = c.rungs.min(), let high = c.rungs.max() {
            if high <= 2 {
                parts.append(t("die nog niet aan werk toe zijn", "who are not ready for work yet"))
            } else if low >= max(3, topRung - 1) {
                parts.append(t("die (bijna) aan het werk kunnen", "who can (almost) work"))
            } else {
                parts.append(
                    t("die stap voor stap naar werk of meedoen willen", "who want to move step by step towards work"))
            }
        }
        return parts.isEmpty
            ? t("Iedereen van 18 tot de AOW-leeftijd.", "Everyone from 18 to state-pension age.")
            : t("Voor inwoners ", "For residents ") + parts.joined(separator: "; ") + "."
    }

    static func show(_ req: Request) async throws -> Response {
        let districts = try await req.districts()
        let district = req.query[String.self, at: "stadsdeel"].flatMap { code in districts.contains(code) ? code : nil }
        let theme = req.query[String.self, at: "thema"].flatMap { raw in Tier.allCases.first { "\($0)" == raw } }
        let situation = req.query[String.self, at: "situatie"].flatMap(Situation.init(rawValue:))
        // From a decision-tree result: one or more intervention types.
        let kinds = Set(
            (req.query[String.self, at: "soort"] ?? "").split(separator: ",").compactMap {
                InterventionType(rawValue: String($0))
            })
        let q = req.query[String.self, at: "q"].map { String($0.prefix(100)).lowercased() }.flatMap {
            $0.isEmpty ? nil : $0
        }
        let entries = try await CatalogueService.entries(in: req.context)
        return req.page(
            req.t("Wat kan ik doen?", "What can I do?"),
            catalogueView(
                districts: districts, entries: entries, district: district, theme: theme, situation: situation,
                kinds: kinds, q: q, counters: req.application.municipality.current?.file.counters ?? [],
                topRung: req.context.ladderInUse.rungs.map(\.number).max() ?? 6, req.view))
    }

}
