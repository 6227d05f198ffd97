import Foundation
import MeedoenCore

extension SignalPages {

    /// One signal or question: what it is about, its follow-up, the tree walked, its history and the next steps.
    static func signalView(
        user: User, districts: Districts, l: SignalService.Loaded, tree: DecisionTree?, allCaseManagers: [User],
        _ v: ViewContext, errors: FieldErrors = FieldErrors()
    ) -> HTMLNode {
        let t = v.t
        let s = l.signal
        let open = s.status.isOpen
        let treeResult: HTMLNode = {
            guard let tid = s.treeID, let version = s.treeVersion, let rid = s.treeResult else {
                return open
                    ? el(
                        "p", [],
                        link(
                            "/wegwijzer?signaal=\(s.id!)",
                            t("Wegwijzer doorlopen met de inwoner", "Walk a guide with the resident"),
                            [A("class", "button secondary")])) : .empty
            }
            let result = tree?.version == version ? tree?.result(rid) : nil
            return el(
                "div", [A("class", "notice")],
                el(
                    "p", [], el("strong", [], txt(t("Wegwijzer: ", "Guide: "))), txt(result.map { t($0.title) } ?? rid),
                    txt(t(" (‘\(tid)’, versie \(version))", " (‘\(tid)’, version \(version))"))),
                result.map { el("p", [], txt(t("Vervolg: ", "Follow-up: ") + t(followUpLabel($0.followUp)))) }
                    ?? .empty,
                result.map { r in
                    r.interventionTypes.isEmpty
                        ? .empty
                        : el(
                            "p", [],
                            link(
                                "/catalogus?soort=\(r.interventionTypes.map(\.rawValue).joined(separator: ","))",
                                t("Passend aanbod", "Fitting services")))
                } ?? .empty)
        }()
        func actionForm(
            _ action: SignalService.Action, _ label: String, secondary: Bool = true, _ fields: [HTMLNode] = []
        ) -> HTMLNode {
            el(
                "form",
                [
                    A("method", "post"), A("action", "/signalen/\(s.id!)/\(action.rawValue)"), A("class", "action"),
                    A("novalidate", ""),
                ],
                [csrfField(v.csrfToken)] + fields + [button(label, secondary: secondary)])
        }
        var caseManagers: [(value: String, label: String)] = []
        if open, l.person != nil {
            let all = allCaseManagers
            let district = l.person!.districtCode
            caseManagers = all.sorted {
                ($0.districtCode == district ? 0 : 1, $0.displayName) < (
                    $1.districtCode == district ? 0 : 1, $1.displayName
                )
            }
            .map { u in
                (u.id!.uuidString, u.displayName + (u.districtCode.map { code in " (\(districts.name(code)))" } ?? ""))
            }
            if let current = l.person!.$caseManager.id,
                let i = caseManagers.firstIndex(where: { $0.value == current.uuidString })
            {
                caseManagers.insert(caseManagers.remove(at: i), at: 0)
            }
        }
        let actions: HTMLNode =
            open
            ? el(
                "section", [A("class", "card"), A("aria-labelledby", "h-follow")],
                el("h2", [A("id", "h-follow")], txt(t("Opvolgen", "Follow up"))),
                errorSummary(errors, t),
                s.ownerID == user.id
                    ? .empty : actionForm(.take, t("Ik pak dit op", "I take this on"), secondary: false),
                actionForm(
                    .note, t("Notitie vastleggen", "Add a note"),
                    [
                        textArea(
                            FormField(
                                name: "note", label: t("Wat is er gedaan of afgesproken?", "What was done or agreed?"),
                                errors: errors), value: nil, rows: 2)
                    ]),
                actionForm(
                    .due, t("Nieuwe opvolgdatum", "New follow-up date"),
                    [
                        textInput(
                            FormField(name: "dueOn", label: t("Opvolgen vóór", "Follow up by"), errors: errors),
                            value: nil, type: "date")
                    ]),
                (l.person != nil && user.roleSet.contains(.caseManager))
                    ? el(
                        "p", [],
                        link(
                            "/personen/\(l.person!.id!)/verwijzen?signaal=\(s.id!)",
                            t("Verwijzen naar aanbod", "Refer to a service"), [A("class", "button")])) : .empty,
                caseManagers.isEmpty
                    ? .empty
                    : actionForm(
                        .handOver, t("Overdragen", "Hand over"),
                        [
                            selectInput(
                                FormField(
                                    name: "caseManagerId",
                                    label: t("Overdragen aan klantmanager", "Hand over to case manager"), errors: errors
                                ), options: caseManagers, selected: nil)
                        ]),
                l.person == nil
                    ? el(
                        "p", [A("class", "hint")],
                        txt(
                            t(
                                "Voor een verwijzing, overdracht of de stadsdeeltafel: registreer eerst de inwoner ",
                                "For a referral, hand-over or the case table: first register the resident ")),
                        link("/personen/nieuw?signaal=\(s.id!)", t("(inwoner registreren)", "(register resident)")))
                    : .empty,
                l.person == nil
                    ? .empty
                    : actionForm(
                        .caseTable, t("Voorstellen voor de stadsdeeltafel", "Propose for the case table"),
                        [
                            textArea(
                                FormField(
                                    name: "note-caseTable",
                                    label: t("Waarom samen bespreken?", "Why discuss together?"),
                                    hint: t(
                                        "Verplicht: de stadsdeeltafel bespreekt wat meerdere organisaties samen moeten oplossen.",
                                        "Required: the case table discusses what several organisations must solve together."
                                    ),
                                    errors: errors), value: nil, rows: 2)
                        ]),
                actionForm(
                    .close, t("Afsluiten: de hulp is er", "Close: help has arrived"),
                    [
                        textArea(
                            FormField(
                                name: "note-close", label: t("Hoe is de hulp er gekomen?", "How did help arrive?"),
                                errors: errors), value: nil, rows: 2)
                    ]))
            : el(
                "section", [A("class", "card")],
                el("p", [], el("strong", [], txt(t("Afgesloten: ", "Closed: "))), txt(s.outcome ?? "")),
                actionForm(.reopen, t("Heropenen", "Reopen")))
        return el(
            "section", [],
            el("p", [], link("/signalen", t("← Signalen", "← Signals"), [A("class", "back")])),
            el("h1", [], txt(kindLabel(s.kind, t) + " "), statusBadge(s, today: v.today, t)),
            el(
                "dl", [A("class", "facts card")],
                el("dt", [], txt(t("Over", "About"))),
                el("dd", [], subject(s, person: l.person, mayName: l.mayName, t)),
                s.address.map { a in .group([el("dt", [], txt(t("Adres", "Address"))), el("dd", [], txt(a))]) }
                    ?? .empty,
                el("dt", [], txt(t("Van", "From"))),
                el("dd", [], txt((SignalSource(rawValue: s.source).map { t($0.label) } ?? s.source))),
                el("dt", [], txt(t("Beschrijving", "Description"))), el("dd", [], txt(s.description)),
                el("dt", [], txt(t("Eigenaar", "Owner"))), el("dd", [], txt(l.names[s.ownerID] ?? "—")),
                el("dt", [], txt(t("Opvolgen vóór", "Follow up by"))),
                el("dd", [], txt(DateFormatting.day(iso: s.dueOn))),
                s.referralID.map { r in
                    .group([
                        el("dt", [], txt(t("Verwijzing", "Referral"))),
                        el("dd", [], link("/verwijzingen/\(r)", t("bekijken", "view"))),
                    ])
                } ?? .empty),
            treeResult,
            actions,
            el(
                "section", [A("class", "card"), A("aria-labelledby", "h-log")],
                el("h2", [A("id", "h-log")], txt(t("Verloop", "History"))),
                el(
                    "ol", [A("class", "timeline")],
                    l.events.map { e in
                        el(
                            "li", [],
                            el(
                                "span", [A("class", "meta")],
                                txt(DateFormatting.local(e.at) + " · " + (l.names[e.actorID] ?? "—") + " · ")),
                            el("strong", [], txt(eventLabel(e.action, t))), e.note.map { txt(" — " + $0) } ?? .empty
                        )
                    })))
    }
}
