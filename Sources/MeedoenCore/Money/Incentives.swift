import Foundation

/// Incentives that make work pay (DOMAIN.md "Money"). The system decides whether an item is payable
/// and exports it; the municipality's payment system pays.
public enum IncentiveKind: String, Sendable, Codable, CaseIterable, Hashable {
    case outflowBonus, activationPremium, participantAllowance, performanceAllowance

    public var label: LocalizedText {
        switch self {
        case .outflowBonus: .init(nl: "uitstroompremie", en: "outflow bonus")
        case .activationPremium: .init(nl: "activeringspremie", en: "activation premium")
        case .participantAllowance: .init(nl: "deelnemersvergoeding", en: "participant allowance")
        case .performanceAllowance: .init(nl: "prestatievergoeding", en: "performance allowance")
        }
    }
}

public enum Incentives {
    /// What is known about the enrolment the incentive belongs to.
    public struct Context: Sendable, Hashable {
        public var status: String  // referral status
        public var outcome: String?  // enrolment outcome when ended
        public var interventionType: InterventionType
        /// Earlier payable or exported items of this enrolment, by kind.
        public var earlier: [IncentiveKind: Cents]
        public var earlierCount: [IncentiveKind: Int]
        public init(
            status: String, outcome: String?, interventionType: InterventionType, earlier: [IncentiveKind: Cents],
            earlierCount: [IncentiveKind: Int]
        ) {
            self.status = status
            self.outcome = outcome
            self.interventionType = interventionType
            self.earlier = earlier
            self.earlierCount = earlierCount
        }
    }

    /// What a performance allowance is weighed against (004 §4.4): the household of the benefit, the
    /// month it is for, the resident's age then, and the performance allowances already granted for
    /// that month (over all enrolments).
    public struct Income: Sendable, Hashable {
        public var household: HouseholdType?
        public var month: CalendarDate?
        public var age: Int?
        public var earlierThisMonth: Cents
        public init(household: HouseholdType?, month: CalendarDate?, age: Int?, earlierThisMonth: Cents = 0) {
            self.household = household
            self.month = month
            self.age = age
            self.earlierThisMonth = earlierThisMonth
        }
    }

    public struct Decision: Sendable, Hashable {
        public var payable: Bool
        public var amountCents: Cents
        public var reasons: [Reason]
        /// The field a refusal is about (for the error response).
        public var field: String?
    }

    /// Decides one item. `amountCents` is ignored for the fixed bonuses (the policy sets them);
    /// `hours` is needed for a performance allowance (its hourly rate must stay below minimum wage).
    public static func decide(
        _ kind: IncentiveKind, amountCents: Cents?, hours: Int?, context c: Context, policy: MoneyPolicy,
        income: Income? = nil
    ) -> Decision {
        func refuse(_ code: String, _ field: String, nl: String, en: String) -> Decision {
            Decision(payable: false, amountCents: 0, reasons: [Reason(code: code, nl: nl, en: en)], field: field)
        }
        switch kind {
        case .outflowBonus:
            guard c.outcome == "exitToWork" else {
                return refuse(
                    "incentive.noExit", "kind", nl: "Een uitstroompremie volgt alleen op uitstroom naar betaald werk.",
                    en: "An outflow bonus follows only an exit to paid work.")
            }
            guard (c.earlierCount[.outflowBonus] ?? 0) == 0 else {
                return refuse(
                    "incentive.once", "kind", nl: "Voor dit traject is al een uitstroompremie toegekend.",
                    en: "An outflow bonus was already granted for this trajectory.")
            }
            return Decision(
                payable: true, amountCents: policy.outflowBonusCents,
                reasons: [
                    Reason(
                        code: "incentive.outflow",
                        nl: "Uitgestroomd naar betaald werk: uitstroompremie \(Valve.euros(policy.outflowBonusCents)).",
                        en: "Exit to paid work: outflow bonus \(Valve.euros(policy.outflowBonusCents)).")
                ], field: nil)
        case .activationPremium:
            guard c.status == "started" || (c.status == "ended" && c.outcome != "dropOut") else {
                return refuse(
                    "incentive.notActive", "kind",
                    nl: "Een activeringspremie volgt pas als het traject loopt of is afgerond (niet bij uitval).",
                    en: "An activation premium follows only a running or completed trajectory (not a drop-out).")
            }
            guard (c.earlierCount[.activationPremium] ?? 0) == 0 else {
                return refuse(
                    "incentive.once", "kind", nl: "Voor dit traject is al een activeringspremie toegekend.",
                    en: "An activation premium was already granted for this trajectory.")
            }
            return Decision(
                payable: true, amountCents: policy.activationPremiumCents,
                reasons: [
                    Reason(
                        code: "incentive.activation",
                        nl: "Actief in het traject: activeringspremie \(Valve.euros(policy.activationPremiumCents)).",
                        en:
                            "Active in the trajectory: activation premium \(Valve.euros(policy.activationPremiumCents))."
                    )
                ], field: nil)
        case .participantAllowance:
            guard let amount = amountCents, amount > 0 else {
                return refuse(
                    "incentive.amount", "amountCents", nl: "Geef een bedrag groter dan nul.",
                    en: "Give an amount above zero.")
            }
            guard ["accepted", "started", "ended"].contains(c.status) else {
                return refuse(
                    "incentive.notActive", "kind",
                    nl: "Een deelnemersvergoeding hoort bij een geaccepteerd, lopend of beëindigd traject.",
                    en: "A participant allowance belongs to an accepted, running or ended trajectory.")
            }
            let before = c.earlier[.participantAllowance] ?? 0
            let cap = policy.participantAllowanceCapCents
            guard before + amount <= cap else {
                return refuse(
                    "incentive.cap", "amountCents",
                    nl:
                        "Boven het maximum per traject: al \(Valve.euros(before)) van \(Valve.euros(cap)); nog mogelijk \(Valve.euros(max(0, cap - before))).",
                    en:
                        "Above the cap per trajectory: already \(Valve.euros(before)) of \(Valve.euros(cap)); still possible \(Valve.euros(max(0, cap - before)))."
                )
            }
            return Decision(
                payable: true, amountCents: amount,
                reasons: [
                    Reason(
                        code: "incentive.allowance",
                        nl:
                            "Deelnemersvergoeding \(Valve.euros(amount)); totaal dit traject \(Valve.euros(before + amount)) van maximaal \(Valve.euros(cap)).",
                        en:
                            "Participant allowance \(Valve.euros(amount)); total this trajectory \(Valve.euros(before + amount)) of at most \(Valve.euros(cap))."
                    )
                ], field: nil)
        case .performanceAllowance:
            guard let amount = amountCents, amount > 0 else {
                return refuse(
                    "incentive.amount", "amountCents", nl: "Geef een bedrag groter dan nul.",
                    en: "Give an amount above zero.")
            }
            guard let hours, hours > 0 else {
                return refuse(
                    "incentive.hours", "hours", nl: "Geef het aantal gewerkte uren (meer dan nul).",
                    en: "Give the hours worked (more than zero).")
            }
            guard c.interventionType.isPlace else {
                return refuse(
                    "incentive.notAPlace", "kind", nl: "Een prestatievergoeding hoort bij een participatieplaats.",
                    en: "A performance allowance belongs to a participation place.")
            }
            guard c.status == "started" || c.status == "ended" else {
                return refuse(
                    "incentive.notActive", "kind",
                    nl: "Een prestatievergoeding volgt op gewerkte uren in een gestart traject.",
                    en: "A performance allowance follows hours worked in a started trajectory.")
            }
            let wage = policy.minimumWageHourlyCents
            // Per hour, compared without rounding: amount / hours < wage  ⇔  amount < wage × hours.
            guard amount < wage * hours else {
                let perHour = amount / hours
                return refuse(
                    "incentive.minimumWage", "amountCents",
                    nl:
                        "\(Valve.euros(perHour)) per uur is niet onder het wettelijk minimumloon (\(Valve.euros(wage)) per uur): een prestatievergoeding moet daaronder blijven, anders is het loon.",
                    en:
                        "\(Valve.euros(perHour)) per hour is not below the statutory minimum wage (\(Valve.euros(wage)) per hour): a performance allowance must stay below it, otherwise it is a wage."
                )
            }
            // 004 §4.4: benefit plus allowance stays below the minimum wage, for the month it is paid for.
            guard let household = income?.household else {
                return refuse(
                    "incentive.household", "householdType",
                    nl:
                        "Kies de huishoudsituatie van de uitkering: alleenstaande, alleenstaande ouder of gehuwden of samenwonenden.",
                    en: "Choose the household of the benefit: single, single parent, or married or cohabiting.")
            }
            guard let month = income?.month else {
                return refuse(
                    "incentive.period", "period", nl: "Geef de maand waarvoor de prestatievergoeding is.",
                    en: "Give the month the performance allowance is for.")
            }
            if let age = income?.age, age < 21 {
                return refuse(
                    "incentive.young", "householdType",
                    nl:
                        "Voor wie jonger is dan 21 geldt een jongerennorm, en die staat niet in het geldbeleid: de prestatievergoeding is niet te toetsen aan het minimumloon.",
                    en:
                        "Under 21 a youth norm applies, and the money policy does not hold it: the allowance cannot be checked against the minimum wage."
                )
            }
            guard let norms = IncomeNorms.inForce(policy.incomeNorms, on: month) else {
                return refuse(
                    "incentive.noNorms", "period",
                    nl: "Voor deze maand staan geen normbedragen in het geldbeleid.",
                    en: "The money policy has no norm amounts for this month.")
            }
            let norm = norms.benefit(household)
            let minimum = norms.netMinimumWageMonthlyCents
            let earlier = income?.earlierThisMonth ?? 0
            let total = norm + earlier + amount
            let who = (nl: household.label.nl, en: household.label.en)
            let inMonth = (nl: month.monthYear(.nl), en: month.monthYear(.en))
            // "€ 600,00 in december 2026 (waarvan nu € 500,00)" when earlier allowances count too.
            let sum = (
                nl: "\(Valve.euros(earlier + amount)) in \(inMonth.nl)"
                    + (earlier > 0 ? " (waarvan nu \(Valve.euros(amount)))" : ""),
                en: "\(Valve.euros(earlier + amount)) in \(inMonth.en)"
                    + (earlier > 0 ? " (of which now \(Valve.euros(amount)))" : "")
            )
            guard total < minimum else {
                if norm >= minimum {
                    return refuse(
                        "incentive.income", "amountCents",
                        nl:
                            "Voor \(who.nl) is de bijstandsnorm (\(Valve.euros(norm)) per maand) al het netto minimumloon: met een prestatievergoeding komt het inkomen op of boven het minimumloon, en dat mag niet.",
                        en:
                            "For \(who.en) the benefit norm (\(Valve.euros(norm)) a month) already is the net minimum wage: a performance allowance would bring the income to or above it, which is not allowed."
                    )
                }
                let left = max(0, norms.room(household) - earlier)
                return refuse(
                    "incentive.income", "amountCents",
                    nl:
                        "Uitkering \(Valve.euros(norm)) (\(who.nl)) plus prestatievergoeding \(sum.nl) is \(Valve.euros(total)): niet onder het netto minimumloon van \(Valve.euros(minimum)) per maand. In \(inMonth.nl) kan nog \(Valve.euros(left)).",
                    en:
                        "Benefit \(Valve.euros(norm)) (\(who.en)) plus performance allowance \(sum.en) is \(Valve.euros(total)): not below the net minimum wage of \(Valve.euros(minimum)) a month. Still possible in \(inMonth.en): \(Valve.euros(left))."
                )
            }
            return Decision(
                payable: true, amountCents: amount,
                reasons: [
                    Reason(
                        code: "incentive.performance",
                        nl:
                            "Prestatievergoeding \(Valve.euros(amount)) voor \(hours) uur, onder het minimumloon van \(Valve.euros(wage)) per uur.",
                        en:
                            "Performance allowance \(Valve.euros(amount)) for \(hours) hours, below the minimum wage of \(Valve.euros(wage)) per hour."
                    ),
                    Reason(
                        code: "incentive.income",
                        nl:
                            "Uitkering \(Valve.euros(norm)) (\(who.nl)) plus prestatievergoeding \(sum.nl) is \(Valve.euros(total)), onder het netto minimumloon van \(Valve.euros(minimum)) per maand (normbedragen vanaf \(CalendarDate(iso: norms.from)!.long(.nl))).",
                        en:
                            "Benefit \(Valve.euros(norm)) (\(who.en)) plus performance allowance \(sum.en) is \(Valve.euros(total)), below the net minimum wage of \(Valve.euros(minimum)) a month (norms from \(CalendarDate(iso: norms.from)!.long(.en)))."
                    ),
                ], field: nil)
        }
    }
}

/// Participation vouchers (DOMAIN.md "Money"): earned by activities, redeemed at local businesses.
public enum Vouchers {
    public static func earned(hours: Int, policy: MoneyPolicy) -> Cents { hours * policy.voucherRateCentsPerHour }

    /// What expires at the end of `year` (first in, first out): what was earned up to that year end,
    /// less everything already redeemed or expired, and never more than the balance.
    public static func expiring(earnedUpToYearEnd: Cents, debitedSoFar: Cents, balance: Cents) -> Cents {
        max(0, min(balance, earnedUpToYearEnd - debitedSoFar))
    }
}
