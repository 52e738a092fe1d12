import { PortfolioBuilder } from './portfolio-builder.js';
import type { Round } from './portfolio-rules.js';

/**
 * Greedy "rank and fill": the forced cases first, then every eligible case in tie order that
 * still fits, together with what it requires (docs/selection.md, "The greedy comparison").
 */
export function greedyPortfolio(round: Round): Set<string> {
  return completePortfolio(round, round.forced);
}

/** Adds, in tie order, every eligible case that still fits beside `selected`. */
export function completePortfolio(round: Round, selected: Iterable<string>): Set<string> {
  const builder = new PortfolioBuilder(round, selected);
  for (const id of round.free) builder.tryAdd(id);
  return builder.selected;
}
