import Foundation
import MeedoenCore

extension TreePages {

    /// The start of the guide: the decision trees to choose from (no sign-in).
    static func indexView(
        trees: [DecisionTree], signal: UUID?, _ v: ViewContext
    ) -> HTMLNode {
        let t = v.t
        return el(
            "div", [A("class", "public")],
            el("h1", [], txt(t("Wegwijzer: wat past bij mij?", "Guide: what fits me?"))),
            el(
                "p", [A("class", "lead")],
                txt(
                    t(
                        "Beantwoord een paar korte vragen. U hoeft niet in te loggen en we vragen niet wie u bent.",
                        "Answer a few short questions. No sign-in, and we do not ask who you are."))),
            el(
                "ul", [A("class", "tiles")],
                trees.map { tree in
                    el(
                        "li", [A("class", "card tile")],
                        el(
                            "h2", [],
                            link("/wegwijzer/\(tree.id)" + (signal.map { "?signaal=\($0)" } ?? ""), t(tree.title))),
                        el("p", [], txt(t(tree.intro))))
                }),
            el("p", [], link("/catalogus", t("Of bekijk meteen al het aanbod →", "Or see everything on offer →"))))
    }
}
