import Vapor

// What the use cases return, as the API sends it: the results are plain values in their services
// (no HTTP there); their wire conformance is declared here, at the edge.
extension VoucherService.Entry: Content {}
extension VoucherService.Account: Content {}
extension VoucherService.Redemption: Content {}
extension VoucherService.Expiry: Content {}
extension ValveService.Change: Content {}
extension ValveService.Stream: Content {}
extension ValveService.Count: Content {}
extension ValveService.CaseManager: Content {}
extension ValveService.Affected: Content {}
extension ValveService.Applied: Content {}
extension ValveService.Simulation: Content {}
extension PolicySimulationService.SimulationResult: Content {}
extension PolicySimulationService.PolicyRef: Content {}
extension PolicySimulationService.Adoption: Content {}
extension BudgetService.Line: Content {}
extension BudgetService.Overview: Content {}
extension PortalService.Export: Content {}
extension PlanService.Goal: Content {}
extension PlanService.Strength: Content {}
extension PlanService.Involved: Content {}
extension PlanService.Body: Content {}
