import Foundation

extension PolicyError {
    /// What is wrong, in Dutch, for the editors and the problem responses a Dutch page shows; the
    /// English `message` stays for the command line and the logs. A message without a translation is
    /// shown as it is.
    public var dutchMessage: String {
        if let known = Self.dutch[message] { return known }
        return Self.pattern(message) ?? message
    }

    private static let dutch: [String: String] = [
        // decoding
        "is required but missing": "ontbreekt",
        // diagnosis policy
        "is empty": "is leeg",
        "must define categories 1 to 5 exactly once":
            "categorieën 1 tot en met 5 moeten elk precies één keer voorkomen",
        "needs at least one route rule": "er is minstens één routeregel nodig",
        "the last route rule must have no condition, so every person gets a route":
            "de laatste routeregel mag geen voorwaarde hebben, zodat iedereen een route krijgt",
        "id is empty": "de code is leeg",
        "id appears twice": "de code komt twee keer voor",
        "a target group needs a condition; otherwise everybody belongs to it":
            "een doelgroep heeft minstens één voorwaarde nodig; anders hoort iedereen erbij",
        "maxScore must be 1-5 and minDomains 1-13":
            "de ZRM-grens moet 1 tot en met 5 zijn en het aantal domeinen 1 tot en met 13",
        "workingAge must be [minimum, maximum]": "de werkende leeftijd moet [laagste, hoogste] zijn",
        // spending rules
        "name at least one stream": "noem minstens één budgetstroom",
        "must give a rule for categories 1 to 5 exactly once":
            "geef voor de categorieën 1 tot en met 5 elk precies één regel",
        "kinds of offer are only listed with 'listed'":
            "soorten aanbod worden alleen genoemd bij ‘alleen genoemd aanbod’",
        // guides
        "no answer leads to this result": "geen antwoord leidt naar deze uitkomst",
        "not reachable from the start": "deze vraag wordt vanaf het begin nooit bereikt",
        "a cycle: this question leads back to itself": "deze vraag leidt via de antwoorden terug naar zichzelf",
        "Dutch and English text": "een Nederlandse en een Engelse tekst zijn nodig",
        "Dutch and English title": "een Nederlandse en een Engelse titel zijn nodig",
        "1-40 characters": "1 tot 40 tekens",
        "at least two answers": "minstens twee antwoorden",
        "at least one question": "minstens één vraag",
        "at least one result": "minstens één uitkomst",
        "exactly one of 'next' and 'result'": "een antwoord leidt naar een vraag of naar een uitkomst",
        "duplicate question id": "twee vragen hebben dezelfde code",
        "duplicate result id": "twee uitkomsten hebben dezelfde code",
    ]

    private static func pattern(_ m: String) -> String? {
        if m.wholeMatch(of: /has the wrong type \(expected .+\)/) != nil { return "heeft het verkeerde soort waarde" }
        if m.wholeMatch(of: /is null \(expected .+\)/) != nil { return "is leeg (null)" }
        if m.wholeMatch(of: /is not valid JSON \(.+\)/) != nil { return "is geen geldige JSON" }
        if let x = m.wholeMatch(of: /category (-?\d+) is not one of 1 to 5/) {
            return "categorie \(x.1) bestaat niet; kies 1 tot en met 5"
        }
        if let x = m.wholeMatch(of: /minAge (-?\d+) is above maxAge (-?\d+)/) {
            return "de laagste leeftijd (\(x.1)) is hoger dan de hoogste (\(x.2))"
        }
        if let x = m.wholeMatch(of: /unknown condition '([^']*)'.*/) { return "onbekende voorwaarde ‘\(x.1)’" }
        if let x = m.wholeMatch(of: /next '([^']*)' is not a question/) { return "‘\(x.1)’ is geen vraag" }
        if let x = m.wholeMatch(of: /result '([^']*)' is not a result/) { return "‘\(x.1)’ is geen uitkomst" }
        return nil
    }
}
