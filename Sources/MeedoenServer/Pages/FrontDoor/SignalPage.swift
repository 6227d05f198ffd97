import MeedoenCore
import Vapor

/// One signal: its subject, log and the follow-up steps.
extension SignalPages {
    static func show(_ req: Request, errors: FieldErrors = FieldErrors(), status: HTTPResponseStatus = .ok) async throws
        -> Response
    {
        let user = try SignalService.requireWorker(req.context)
        let districts = try await req.districts()
        let t = req.t
        let l = try await SignalService.load(try req.idParameter(), in: req.context)
        let s = l.signal
        let open = s.statusValue.isOpen
        let tree = s.treeID.flatMap { req.application.trees.tree($0) }
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
                [csrfField(req.csrfToken)] + fields + [button(label, secondary: secondary)])
        }
        var caseManagers: [(value: String, label: String)] = []
        if open, l.person != nil {
            let all = try await SignalService.caseManagers(in: req.context)
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
                            plainField(
                                "note", id: "f-note-table", label: t("Waarom samen bespreken?", "Why discuss together?")
                            )
                        ]),
                actionForm(
                    .close, t("Afsluiten: de hulp is er", "Close: help has arrived"),
                    [
                        plainField(
                            "note", id: "f-note-close", label: t("Hoe is de hulp er gekomen?", "How did help arrive?"))
                    ]))
            : el(
                "section", [A("class", "card")],
                el("p", [], el("strong", [], txt(t("Afgesloten: ", "Closed: "))), txt(s.outcome ?? "")),
                actionForm(.reopen, t("Heropenen", "Reopen")))
        return req.page(
            kindLabel(s.kind, t), status: status,
            el(
                "section", [],
                el("p", [], link("/signalen", t("← Signalen", "← Signals"), [A("class", "back")])),
                el("h1", [], txt(kindLabel(s.kind, t) + " "), statusBadge(s, today: req.today, t)),
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
                    el("dt", [], txt(t("Opvolgen vóór", "Follow up by"))), el("dd", [], txt(s.dueOn)),
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
                        }))))
    }

    static func eventLabel(_ action: String, _ t: Texts) -> String {
        switch action {
        case "created": t("vastgelegd", "recorded")
        case "take": t("opgepakt", "taken on")
        case "note": t("notitie", "note")
        case "due": t("nieuwe opvolgdatum", "new follow-up date")
        case "handOver": t("overgedragen aan", "handed over to")
        case "caseTable": t("voorgesteld voor de stadsdeeltafel", "proposed for the case table")
        case "close": t("afgesloten", "closed")
        case "reopen": t("heropend", "reopened")
        case "tree": t("wegwijzer", "guide")
        case "referred": t("verwezen", "referred")
        default: action
        }
    }

    static func act(_ req: Request) async throws -> Response {
        let form = FormData(req)
        let id = try req.idParameter()
        guard let action = req.parameters.get("action").flatMap(SignalService.Action.init(rawValue:)) else {
            throw DomainError.notFound(.init(nl: "Onbekende stap.", en: "Unknown step."))
        }
        var input = Input(form: [
            "note": form.string("note"), "dueOn": form.string("dueOn"), "caseManagerId": form.string("caseManagerId"),
        ])
        return try await PageForm.submit(
            req, saved: .init(nl: "De stap is vastgelegd.", en: "The step has been recorded.")
        ) {
            _ = try await SignalService.act(id, action, &input, in: req.context)
            return "/signalen/\(id)"
        } again: { fieldErrors, status in
            return try await show(req, errors: fieldErrors, status: status)
        }
    }

    static func storeTree(_ req: Request) async throws -> Response {
        let form = FormData(req)
        let id = try req.idParameter()
        let answers = (form["answers"] ?? "").split(separator: ",").map(String.init)
        _ = try await SignalService.storeTreeResult(
            id, treeID: form["tree"] ?? "", version: form["version"] ?? "", answers: answers, in: req.context)
        return req.redirect(to: "/signalen/\(id)")
    }
}
