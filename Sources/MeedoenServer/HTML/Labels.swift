import Foundation
import MeedoenCore

/// People's words for what is stored as a code: one place for the pages, the CSV and XLSX files,
/// the letters and the AVG overview. A code's own enum carries its label (`Route.label`,
/// `BenefitKind.label`, `Role.label`, …); this turns the stored strings into those labels and
/// holds the labels of codes that have no enum of their own (audit actions, bases of access).
/// A code without a label is shown as "onbekend", never as itself.
enum Labels {
    static func benefit(_ code: String?, _ t: Texts) -> String {
        guard let code else { return t("onbekend", "unknown") }
        return BenefitKind(rawValue: code).map { t($0.label) } ?? t("onbekend", "unknown")
    }

    static func route(_ code: String?, _ t: Texts) -> String {
        code.flatMap(Route.init(rawValue:)).map { t($0.label) } ?? t("geen route", "no route")
    }

    static func roles(_ codes: String, _ t: Texts) -> String {
        codes.split(separator: ",").compactMap { Role(rawValue: String($0)).map { t($0.label) } }
            .joined(separator: ", ")
    }

    static func yesNo(_ value: Bool?, _ t: Texts) -> String {
        value.map { $0 ? t("ja", "yes") : t("nee", "no") } ?? t("onbekend", "unknown")
    }

    /// A funding stream's name from the money policy ("Re-integratie (werkdeel)").
    static func stream(_ code: String, _ streams: [MoneyPolicy.StreamSpec], _ t: Texts) -> String {
        streams.first { $0.code == code }.map { t($0.nl, $0.en) } ?? t("onbekend", "unknown")
    }

    /// A district's name; `names` comes from the municipality's set-up.
    static func district(_ code: String?, _ names: [String: String]) -> String {
        guard let code else { return "—" }
        return names[code] ?? code
    }

    /// Opening hours as a resident reads them: "maandag tot en met vrijdag, 9:00 tot 17:00".
    static func openingHours(_ h: MunicipalityFile.OpeningHours, _ t: Texts) -> String {
        let nl = [
            "ma": "maandag", "di": "dinsdag", "wo": "woensdag", "do": "donderdag", "vr": "vrijdag", "za": "zaterdag",
            "zo": "zondag",
        ]
        let en = [
            "ma": "Monday", "di": "Tuesday", "wo": "Wednesday", "do": "Thursday", "vr": "Friday", "za": "Saturday",
            "zo": "Sunday",
        ]
        let names = h.days.map { t(nl[$0] ?? $0, en[$0] ?? $0) }
        let order = MunicipalityFile.days
        let indices = h.days.compactMap { order.firstIndex(of: $0) }
        let contiguous = indices.count > 2 && indices == Array(indices[0]...indices[0] + indices.count - 1)
        let days =
            contiguous
            ? t("\(names.first!) tot en met \(names.last!)", "\(names.first!) to \(names.last!)")
            : names.joined(separator: ", ")
        func time(_ s: String) -> String { s.hasPrefix("0") ? String(s.dropFirst()) : s }
        return days + ", " + t("\(time(h.from)) tot \(time(h.to)) uur", "\(time(h.from)) to \(time(h.to))")
    }

    /// A plan revision's summary ("created", or the parts changed: "goals,director").
    static func planChange(_ summary: String, _ t: Texts) -> String {
        let words: [String: LocalizedText] = [
            "created": .init(nl: "plan gemaakt", en: "plan created"),
            "goals": .init(nl: "doelen", en: "goals"), "strengths": .init(nl: "krachten", en: "strengths"),
            "involved": .init(nl: "betrokkenen", en: "people involved"),
            "director": .init(nl: "regisseur", en: "director"),
            "residentAgreement": .init(nl: "instemming van de inwoner", en: "resident's agreement"),
            "reassessed": .init(nl: "opnieuw beoordeeld", en: "reassessed"),
            "closed": .init(nl: "afgesloten", en: "closed"),
        ]
        let parts = summary.split(separator: ",").map { words[String($0)].map { t($0) } ?? t("overig", "other") }
        return summary == "created" ? parts.joined() : t("gewijzigd: ", "changed: ") + parts.joined(separator: ", ")
    }

    /// What someone did, as a verb phrase after their name: "Jan de Vries — bekeek het dossier".
    static func auditAction(_ code: String, _ t: Texts) -> String {
        Audit.Action(rawValue: code).map { t($0.label) } ?? t("een andere handeling", "another action")
    }

    /// Why someone was allowed to, as the audit trail records it (see `Grant.basis`).
    static func basis(_ basis: String, _ t: Texts) -> String {
        let kind = String(basis.split(separator: ":").first ?? "")
        let words: [String: LocalizedText] = [
            "districtTeam": .init(nl: "stadsdeelteam", en: "district team"),
            "caseload": .init(nl: "eigen klant van de klantmanager", en: "the case manager's own client"),
            "registeredBy": .init(nl: "registreerde of meldde de inwoner", en: "registered or signalled the resident"),
            "caseTable": .init(nl: "stadsdeeltafel", en: "district case table"),
            "referredTo": .init(nl: "aanbieder waarnaar verwezen is", en: "provider referred to"),
            "ownFile": .init(nl: "eigen dossier", en: "own file"),
            "signal": .init(nl: "signaal in het stadsdeel", en: "signal in the district"),
            "registration": .init(nl: "registratie", en: "registration"),
            "worklist": .init(nl: "werklijst van de klantmanager", en: "the case manager's work list"),
            "list": .init(nl: "lijst van de klantmanager", en: "the case manager's list"),
            "budgetHolder": .init(nl: "budgethouder (zonder namen)", en: "budget holder (without names)"),
            "budget": .init(nl: "begroting", en: "budget"),
            "paymentOfficer": .init(nl: "uitbetaling", en: "payment"),
            "admin": .init(nl: "beheer", en: "administration"),
            "system": .init(nl: "het systeem zelf", en: "the system itself"),
            "self": .init(nl: "eigen account", en: "own account"),
            "referral": .init(nl: "verwijzing", en: "referral"),
            "policy": .init(nl: "beleid", en: "policy"),
            "valve": .init(nl: "budgetbesluit", en: "budget decision"),
            "waitingList": .init(nl: "wachtlijst", en: "waiting list"),
            "catalogue": .init(nl: "aanbod", en: "services"),
            "household": .init(nl: "huishouden", en: "household"),
            "business": .init(
                nl: "ondernemer waar vouchers zijn ingenomen", en: "business where vouchers were redeemed"),
            "identityProvider": .init(nl: "inloggen met DigiD", en: "signing in with DigiD"),
            "invitation": .init(nl: "uitnodiging", en: "invitation"),
            "none": .init(nl: "geen (geweigerd)", en: "none (refused)"),
        ]
        return words[kind].map { t($0) } ?? t("andere grond", "other basis")
    }
}

extension Audit.Action {
    /// What the actor did, after their name.
    var label: LocalizedText {
        switch self {
        case .personCreate: .init(nl: "registreerde de inwoner", en: "registered the resident")
        case .personRead: .init(nl: "bekeek het dossier", en: "viewed the file")
        case .personList: .init(nl: "zag de inwoner in een lijst", en: "saw the resident in a list")
        case .personUpdate: .init(nl: "wijzigde gegevens", en: "changed details")
        case .personReadDenied:
            .init(nl: "probeerde het dossier te zien (geweigerd)", en: "tried to view the file (refused)")
        case .householdCreate: .init(nl: "legde het huishouden vast", en: "recorded the household")
        case .householdRead: .init(nl: "bekeek het huishouden", en: "viewed the household")
        case .householdUpdate: .init(nl: "wijzigde het huishouden", en: "changed the household")
        case .assessmentCreate: .init(nl: "legde een beoordeling vast", en: "recorded an assessment")
        case .assessmentRead: .init(nl: "bekeek de beoordelingen", en: "viewed the assessments")
        case .diagnosisCreate: .init(nl: "legde een diagnose vast", en: "recorded a diagnosis")
        case .diagnosisRead: .init(nl: "bekeek de diagnose", en: "viewed the diagnosis")
        case .auditRead: .init(nl: "bekeek wie het dossier inzag", en: "viewed who looked at the file")
        case .interventionCreate: .init(nl: "voegde aanbod toe", en: "added a service")
        case .interventionUpdate: .init(nl: "wijzigde aanbod", en: "changed a service")
        case .referralCreate: .init(nl: "verwees de inwoner", en: "referred the resident")
        case .referralRead: .init(nl: "bekeek een verwijzing", en: "viewed a referral")
        case .referralList:
            .init(nl: "zag de inwoner in een verwijzingenlijst", en: "saw the resident in a referral list")
        case .referralUpdate: .init(nl: "werkte een verwijzing bij", en: "updated a referral")
        case .referralRefused:
            .init(
                nl: "verwees, maar het budget betaalt dit aanbod niet voor deze inwoner",
                en: "referred, but the budget does not pay this offer for this resident")
        case .referralReadDenied:
            .init(nl: "probeerde een verwijzing te zien (geweigerd)", en: "tried to view a referral (refused)")
        case .matchRead: .init(nl: "zocht passend aanbod", en: "looked for fitting services")
        case .planCreate: .init(nl: "maakte het plan", en: "created the plan")
        case .planRead: .init(nl: "bekeek het plan", en: "viewed the plan")
        case .planUpdate: .init(nl: "wijzigde het plan", en: "changed the plan")
        case .agreementCreate: .init(nl: "maakte een afspraak", en: "made an agreement")
        case .agreementUpdate: .init(nl: "werkte een afspraak bij", en: "updated an agreement")
        case .budgetUpdate: .init(nl: "wijzigde de begroting", en: "changed the budget")
        case .budgetOverride: .init(nl: "week af van de begroting", en: "overrode the budget")
        case .spendingExceptionRead:
            .init(
                nl: "las een gevraagde uitzondering op de bestedingsregels",
                en: "read a request for an exception to the spending rules")
        case .spendingExceptionDecide:
            .init(
                nl: "besloot over een uitzondering op de bestedingsregels",
                en: "decided on an exception to the spending rules")
        case .approvalRead:
            .init(
                nl: "las een verwijzing die op toestemming van de specialist wacht",
                en: "read a referral waiting for the specialist's approval")
        case .approvalDecide:
            .init(nl: "besloot als specialist over een verwijzing", en: "decided on a referral as the specialist")
        case .costBooked: .init(nl: "boekte kosten", en: "booked costs")
        case .valveSimulate: .init(nl: "simuleerde een budgetbesluit", en: "simulated a budget decision")
        case .valveApply: .init(nl: "paste een budgetbesluit toe", en: "applied a budget decision")
        case .policySimulate: .init(nl: "simuleerde beleid", en: "simulated policy")
        case .policyAdopt: .init(nl: "stelde beleid vast", en: "adopted policy")
        case .incentiveCreate: .init(nl: "legde een premie vast", en: "recorded a premium")
        case .incentiveRead: .init(nl: "bekeek premies", en: "viewed premiums")
        case .incentiveExport: .init(nl: "maakte het uitbetaalbestand", en: "made the payment file")
        case .voucherRead: .init(nl: "bekeek de vouchers", en: "viewed the vouchers")
        case .voucherEarn: .init(nl: "schreef vouchers bij", en: "credited vouchers")
        case .voucherRedeem: .init(nl: "nam vouchers in", en: "redeemed vouchers")
        case .voucherExpire: .init(nl: "liet vouchers vervallen", en: "let vouchers expire")
        case .enforcementCreate: .init(nl: "startte handhaving", en: "started enforcement")
        case .enforcementRead: .init(nl: "bekeek de handhaving", en: "viewed the enforcement")
        case .enforcementUpdate: .init(nl: "werkte de handhaving bij", en: "updated the enforcement")
        case .signalCreate: .init(nl: "legde een signaal vast", en: "recorded a signal")
        case .signalRead: .init(nl: "bekeek een signaal", en: "viewed a signal")
        case .signalUpdate: .init(nl: "volgde een signaal op", en: "followed up a signal")
        case .activityCreate: .init(nl: "gaf een activiteit op", en: "registered an activity")
        case .activityDecide: .init(nl: "besliste over een activiteit", en: "decided on an activity")
        case .feedbackCreate: .init(nl: "gaf een oordeel over een traject", en: "rated an enrolment")
        case .appointmentCreate: .init(nl: "plande een afspraak", en: "planned an appointment")
        case .exitRecord: .init(nl: "legde uitstroom vast", en: "recorded leaving for work or school")
        case .obligationRecord:
            .init(nl: "legde een tegenprestatie of ontheffing vast", en: "recorded a contribution or an exemption")
        case .portalRead: .init(nl: "opende Mijn Meedoen", en: "opened My Meedoen")
        case .accessExport: .init(nl: "downloadde alle gegevens (AVG)", en: "downloaded all data (GDPR)")
        case .municipalitySetup: .init(nl: "richtte de gemeente in", en: "set up the municipality")
        case .adminCreate: .init(nl: "maakte een account of organisatie aan", en: "created an account or organisation")
        case .adminUpdate: .init(nl: "wijzigde een account of organisatie", en: "changed an account or organisation")
        case .adminToken: .init(nl: "gaf of trok een API-sleutel in", en: "issued or revoked an API token")
        case .accountActivate: .init(nl: "activeerde een account", en: "activated an account")
        case .accessDenied: .init(nl: "werd geweigerd", en: "was refused")
        }
    }
}
