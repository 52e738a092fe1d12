import { costIn, type Round } from './portfolio-rules.js';

/**
 * A portfolio being built case by case, taking each case together with whatever it requires.
 * Greedy "rank and fill" and the completion of a solver's unfinished answer both use it.
 */
export class PortfolioBuilder {
  readonly selected: Set<string>;
  private readonly spent = new Map<number, number>();

  constructor(
    private readonly round: Round,
    initial: Iterable<string>,
  ) {
    this.selected = new Set(initial);
    for (const year of round.years) this.spent.set(year, 0);
    for (const id of this.selected) this.charge(id);
  }

  /** The case and what it requires that is not selected yet, the case first. */
  bundleOf(id: string): string[] {
    return [id, ...this.round.closure.get(id)!].filter((c) => !this.selected.has(c));
  }

  /** Selected cases that share a group of alternatives with a case of the bundle. */
  alternativesSelected(bundle: readonly string[]): string[] {
    const found = new Set<string>();
    for (const id of bundle) {
      for (const g of this.round.groupsOf.get(id)!) {
        for (const other of this.round.groups[g]!) if (other !== id && this.selected.has(other)) found.add(other);
      }
    }
    return [...found];
  }

  /** What the bundle would cost beyond what is left, per year it costs money in. */
  shortfall(bundle: readonly string[]): { year: number; cost: number; left: number; shortfall: number }[] {
    return this.round.years
      .map((year) => {
        const cost = bundle.reduce((sum, id) => sum + costIn(this.round.candidates.get(id)!, year), 0);
        const left = this.left(year);
        return { year, cost, left, shortfall: Math.max(0, cost - left) };
      })
      .filter((y) => y.cost > 0);
  }

  left(year: number): number {
    return this.round.budget.get(year)! - this.spent.get(year)!;
  }

  spentIn(year: number): number {
    return this.spent.get(year)!;
  }

  /** Adds the case with what it requires when all of it is eligible, clashes with no selected alternative and fits every year. */
  tryAdd(id: string): boolean {
    if (this.selected.has(id)) return true;
    const bundle = this.bundleOf(id);
    if (bundle.some((c) => this.round.excluded.has(c))) return false;
    if (this.alternativesSelected(bundle).length > 0) return false;
    if (this.shortfall(bundle).some((y) => y.shortfall > 0)) return false;
    for (const c of bundle) {
      this.selected.add(c);
      this.charge(c);
    }
    return true;
  }

  private charge(id: string): void {
    for (const year of this.round.years) this.spent.set(year, this.spent.get(year)! + costIn(this.round.candidates.get(id)!, year));
  }
}
