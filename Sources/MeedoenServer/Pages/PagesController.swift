import Vapor
struct PagesController {
    func addRoutes(to routes: any RoutesBuilder) {}
}
enum ErrorPage {
    static func response(_ problem: Problem, request: Request) -> Response {
        ProblemMiddleware.response(problem, request: request)
    }
}
