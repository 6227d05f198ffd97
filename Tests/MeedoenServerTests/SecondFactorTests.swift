import Fluent
import Foundation
import MeedoenCore
import Testing
import VaporTesting

@testable import MeedoenServer

/// Issue 14: staff sign in with a password and a code from an authenticator app (RFC 6238).
@Suite("Second factor") struct SecondFactorTests {
    /// RFC 6238 appendix B, SHA-1, eight digits.
    @Test func theCodesAreRFC6238s() {
        let secret = Array("12345678901234567890".utf8)
        for (time, code) in [
            (59.0, "94287082"), (1_111_111_109, "07081804"), (1_111_111_111, "14050471"), (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"),
        ] {
            #expect(
                TOTP.code(secret: secret, counter: TOTP.counter(at: Date(timeIntervalSince1970: time)), digits: 8)
                    == code)
        }
        #expect(Base32.decode(Base32.encode(secret)) == secret)
        #expect(Base32.encode(Array("foobar".utf8)) == "MZXW6YTBOI")
    }

    @Test func staffSetUpTheAppThenSignInWithItsCodeOnceEachOrARecoveryCode() async throws {
        try await TestWorld.with(mfaRequired: true) { w in
            var now = Date(timeIntervalSince1970: 1_800_000_000)
            w.app.time = .fixed(now)
            _ = try await User.create(
                username: "karin", displayName: "Karin", roles: [.caseManager], districtCode: "T",
                password: "een-lang-wachtwoord", on: w.app.db, hasher: w.app.password.sync)
            var cookies = HTTPCookies()
            func send(_ method: HTTPMethod, _ path: String, form: [String: String]? = nil) async throws
                -> TestingHTTPResponse
            {
                var headers = HTTPHeaders()
                headers.cookie = cookies
                var body: ByteBuffer?
                if let form {
                    headers.contentType = .urlEncodedForm
                    body = ByteBuffer(
                        string: form.map {
                            "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"
                        }
                        .joined(separator: "&"))
                }
                let res = try await w.app.testing().sendRequest(method, path, headers: headers, body: body)
                if let session = res.headers.setCookie?["meedoen_session"] { cookies["meedoen_session"] = session }
                return res
            }
            func csrf(_ res: TestingHTTPResponse) throws -> String {
                String(try #require(res.body.string.firstMatch(of: /name="_csrf" value="([0-9a-f]+)"/)?.1))
            }
            // The password alone does not sign in: first the app is set up.
            let password = try await w.signInResponse("karin", password: "een-lang-wachtwoord")
            #expect(password.headers.first(name: .location) == "/login/tweede-stap")
            cookies["meedoen_session"] = try #require(password.headers.setCookie?["meedoen_session"])
            #expect(try await send(.GET, "/mijn-werk").status == .seeOther, "not signed in yet")
            let enrol = try await send(.GET, "/login/tweede-stap")
            let key = String(try #require(enrol.body.string.firstMatch(of: /class="code">([A-Z2-7 ]+)</)?.1))
            let secret = try #require(Base32.decode(key))
            #expect(secret.count == 20)
            let wrong = try await send(.POST, "/login/tweede-stap", form: ["_csrf": try csrf(enrol), "code": "000000"])
            #expect(wrong.status == .unprocessableEntity)
            let code = TOTP.code(secret: secret, counter: TOTP.counter(at: now))
            let done = try await send(.POST, "/login/tweede-stap", form: ["_csrf": try csrf(wrong), "code": code])
            #expect(done.status == .ok)
            let recovery = done.body.string.matches(of: /class="code">([A-Z2-9]{4}-[A-Z2-9]{4})</).map { String($0.1) }
            #expect(recovery.count == 10)
            #expect(try await send(.GET, "/mijn-werk").status == .ok, "signed in after the first code")
            let stored = try #require(try await User.query(on: w.app.db).filter(\.$username == "karin").first())
            #expect(
                stored.totpSecret?.contains(key.replacingOccurrences(of: " ", with: "")) == false, "the key is sealed")

            // Next time: password, then the code; the same code twice is refused.
            _ = try await send(.POST, "/logout", form: ["_csrf": try csrf(try await send(.GET, "/mijn-werk"))])
            cookies = HTTPCookies()
            func signInAgain() async throws -> TestingHTTPResponse {
                let res = try await w.signInResponse("karin", password: "een-lang-wachtwoord")
                #expect(res.headers.first(name: .location) == "/login/code")
                cookies["meedoen_session"] = try #require(res.headers.setCookie?["meedoen_session"])
                return try await send(.GET, "/login/code")
            }
            var page = try await signInAgain()
            let reused = try await send(.POST, "/login/code", form: ["_csrf": try csrf(page), "code": code])
            #expect(reused.status == .unprocessableEntity, "a code counts once")
            now += 30
            w.app.time = .fixed(now)
            let fresh = TOTP.code(secret: secret, counter: TOTP.counter(at: now))
            let ok = try await send(.POST, "/login/code", form: ["_csrf": try csrf(reused), "code": fresh])
            #expect(ok.status == .seeOther && ok.headers.first(name: .location) == "/mijn-werk")
            // Without the phone: a recovery code, once.
            cookies = HTTPCookies()
            page = try await signInAgain()
            let viaRecovery = try await send(
                .POST, "/login/code", form: ["_csrf": try csrf(page), "code": recovery[0]])
            #expect(viaRecovery.status == .seeOther)
            cookies = HTTPCookies()
            page = try await signInAgain()
            #expect(
                try await send(.POST, "/login/code", form: ["_csrf": try csrf(page), "code": recovery[0]]).status
                    == .unprocessableEntity)
            // An administrator resets it after a lost phone; the next sign-in sets it up again.
            _ = try await SecondFactorService.reset(stored.id!, in: UseCaseContext(app: w.app, user: w.users["beheer"]))
            let again = try await w.signInResponse("karin", password: "een-lang-wachtwoord")
            #expect(again.headers.first(name: .location) == "/login/tweede-stap")
            // A resident with a password is not asked (DigiD is her second factor at the municipality).
            #expect(
                SecondFactorService.need(for: w.users["inwoner"]!, in: UseCaseContext(app: w.app)) == .none)
        }
    }
}
