import { Alert, Button, Checkbox, Details, Fieldset, Heading, Paragraph, Table, Tag, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useMutation, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { problemOf } from '../api/problem';
import { useFormat } from '../format';
import { Loading, LoadError } from '../query-states';
import { FormProblem } from './form-problem';
import { dotted, numberOf } from './programme-data';
import type { Ballot, Round, Scenario, Scenarios, SelectionConflict } from './types';

export const scenariosKey = (roundId: string) => ['round', roundId, 'scenarios'] as const;

/** Every member's ballot, open to all who may see the round once voting has closed. */
export function BallotsSection({ round }: { round: Round }) {
  const { t } = useTranslation();
  const format = useFormat();
  const ballots = useQuery({ queryKey: ['round', round.id, 'ballots'], queryFn: () => api<{ items: Ballot[] }>(`/api/rounds/${round.id}/ballots`) });
  const weightSum = round.criteria.reduce((sum, c) => sum + c.weight, 0);
  const weighted = (scores: Record<string, number>) =>
    weightSum > 0 ? round.criteria.reduce((sum, c) => sum + c.weight * (scores[c.key] ?? 0), 0) / weightSum : null;
  return (
    <section aria-labelledby="ballots-heading" className="programme-section">
      <Heading level={2} data-size="sm" id="ballots-heading">
        {t('programme.ballots.title')}
      </Heading>
      {ballots.isPending && <Loading />}
      {ballots.isError && <LoadError onRetry={() => void ballots.refetch()} />}
      {ballots.data?.items.map((ballot) => (
        <Details key={ballot.member.id}>
          <Details.Summary>{t('programme.ballots.summary', { name: ballot.member.name, count: ballot.votes.length, total: round.candidates.length })}</Details.Summary>
          <Details.Content>
            <div className="table-scroll">
              <Table>
                <caption>{t('programme.ballots.caption', { name: ballot.member.name })}</caption>
                <Table.Head>
                  <Table.Row>
                    <Table.HeaderCell>{t('programme.case')}</Table.HeaderCell>
                    {round.criteria.map((c) => (
                      <Table.HeaderCell key={c.key} className="number">
                        {format.label(c.label)}
                      </Table.HeaderCell>
                    ))}
                    <Table.HeaderCell className="number">{t('programme.ballots.weighted')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('programme.ballots.comment')}</Table.HeaderCell>
                  </Table.Row>
                </Table.Head>
                <Table.Body>
                  {round.candidates.map((c) => {
                    const vote = ballot.votes.find((v) => v.caseId === c.caseId);
                    const conflicted = round.conflicts.some((k) => k.member.id === ballot.member.id && k.caseId === c.caseId && k.counts);
                    const mean = vote ? weighted(vote.scores) : null;
                    return (
                      <Table.Row key={c.caseId}>
                        <Table.HeaderCell scope="row">{c.reference}</Table.HeaderCell>
                        {vote ? (
                          round.criteria.map((k) => (
                            <Table.Cell key={k.key} className="number">
                              {vote.scores[k.key] ?? '–'}
                            </Table.Cell>
                          ))
                        ) : (
                          <Table.Cell colSpan={round.criteria.length}>{conflicted ? t('programme.ballots.conflicted') : t('programme.ballots.notScored')}</Table.Cell>
                        )}
                        <Table.Cell className="number">{mean === null ? '–' : format.number(mean, 2)}</Table.Cell>
                        <Table.Cell>{vote?.comment ?? ''}</Table.Cell>
                      </Table.Row>
                    );
                  })}
                </Table.Body>
              </Table>
            </div>
          </Details.Content>
        </Details>
      ))}
    </section>
  );
}

/**
 * The result (docs/selection.md): the portfolio recommended, or until then the council's own,
 * with each case's explanation and the greedy comparison; every scenario side by side; and for
 * the secretariat, before the recommendation, a what-if scenario.
 */
export function ResultSection({ round, scenarios, secretariat }: { round: Round; scenarios: UseQueryResult<Scenarios>; secretariat: boolean }) {
  const { t } = useTranslation();
  const data = scenarios.data;
  const chosen = data?.items.find((s) => s.id === round.recommendedScenarioId) ?? data?.items.find((s) => s.baseline) ?? data?.items[0];
  const others = data?.items.filter((s) => s.id !== chosen?.id) ?? [];
  return (
    <section aria-labelledby="result-heading" className="programme-section">
      <Heading level={2} data-size="sm" id="result-heading">
        {t('programme.result.title')}
      </Heading>
      {scenarios.isPending && <Loading />}
      {scenarios.isError && <LoadError onRetry={() => void scenarios.refetch()} />}
      {data && chosen && (
        <>
          <Paragraph>
            {chosen.recommended
              ? t(round.state === 'approved' ? 'programme.result.approvedIntro' : 'programme.result.recommendedIntro', { name: scenarioName(chosen, t) })
              : t('programme.result.baselineIntro')}
          </Paragraph>
          <ScenarioDetails round={round} scenario={chosen} headingLevel={3} />
          <Comparison round={round} scenarios={data} />
          {others.length > 0 && (
            <>
              <Heading level={3} data-size="xs">
                {t('programme.result.otherScenarios')}
              </Heading>
              {others.map((s) => (
                <Details key={s.id}>
                  <Details.Summary>{scenarioName(s, t)}</Details.Summary>
                  <Details.Content>
                    <ScenarioDetails round={round} scenario={s} headingLevel={4} />
                  </Details.Content>
                </Details>
              ))}
            </>
          )}
        </>
      )}
      {secretariat && round.state === 'closed' && data && <WhatIfForm round={round} />}
    </section>
  );
}

function scenarioName(scenario: Scenario, t: TFunction): string {
  return scenario.baseline ? t('programme.result.baselineName') : scenario.name;
}

function ScenarioDetails({ round, scenario, headingLevel }: { round: Round; scenario: Scenario; headingLevel: 3 | 4 }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const { result } = scenario;
  const selection = result.selection;
  const name = (id: string) => round.candidates.find((c) => c.caseId === id)?.reference ?? id;
  const names = (ids: string[]) => (ids.length ? ids.map(name).join(', ') : t('programme.result.noCases'));
  const language = i18n.language === 'en' ? 'en' : 'nb';
  const changed = describeParameters(round, scenario, t, format);
  return (
    <div className="programme-stack">
      <Heading level={headingLevel} data-size="xs">
        {t('programme.result.scenarioHeading', { name: scenarioName(scenario, t) })}
      </Heading>
      <Paragraph data-size="sm">{changed.length ? t('programme.result.changed', { changes: changed.join('; ') }) : t('programme.result.unchanged')}</Paragraph>
      <Paragraph data-size="sm">
        {t('programme.result.quorum', { ballots: result.tally.quorum.ballots, members: result.tally.quorum.members, required: result.tally.quorum.ballotsRequired })}
      </Paragraph>
      {selection.outcome === 'infeasible' ? (
        <Alert data-color="warning">
          <Paragraph>{t('programme.result.infeasible')}</Paragraph>
          <ul className="plain-list">
            {selection.conflicts.map((c, i) => (
              <li key={i}>{conflictText(c, t, format, names)}</li>
            ))}
          </ul>
        </Alert>
      ) : (
        <>
          <div className="table-scroll">
            <Table zebra>
              <caption>{t('programme.result.portfolioCaption', { name: scenarioName(scenario, t) })}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t('programme.case')}</Table.HeaderCell>
                  <Table.HeaderCell className="number">{t('programme.result.score')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('programme.result.inPortfolio')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('programme.result.explanation')}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {[...round.candidates]
                  .sort((a, b) => Number(selection.selected.includes(b.caseId)) - Number(selection.selected.includes(a.caseId)))
                  .map((c) => {
                    const score = result.tally.cases.find((k) => k.caseId === c.caseId)?.score ?? null;
                    const explanation = result.explanations.find((e) => e.caseId === c.caseId);
                    const inIt = selection.selected.includes(c.caseId);
                    return (
                      <Table.Row key={c.caseId}>
                        <Table.HeaderCell scope="row">{`${c.reference}: ${c.title}`}</Table.HeaderCell>
                        <Table.Cell className="number">{score === null ? '–' : format.number(score, 2)}</Table.Cell>
                        <Table.Cell>{inIt ? <Tag data-color="success">{t('programme.result.selected')}</Tag> : <Tag data-color="neutral">{t('programme.result.leftOut')}</Tag>}</Table.Cell>
                        <Table.Cell>{explanation ? explanation[language] : ''}</Table.Cell>
                      </Table.Row>
                    );
                  })}
              </Table.Body>
            </Table>
          </div>
          <div className="table-scroll">
            <Table>
              <caption>{t('programme.result.spendingCaption', { name: scenarioName(scenario, t) })}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t('programme.year')}</Table.HeaderCell>
                  <Table.HeaderCell className="number">{t('programme.round.frame')}</Table.HeaderCell>
                  <Table.HeaderCell className="number">{t('programme.result.spent')}</Table.HeaderCell>
                  <Table.HeaderCell className="number">{t('programme.result.left')}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {selection.spending.map((s) => (
                  <Table.Row key={s.year}>
                    <Table.HeaderCell scope="row">{s.year}</Table.HeaderCell>
                    <Table.Cell className="number">{format.nok(s.budget)}</Table.Cell>
                    <Table.Cell className="number">{format.nok(s.spent)}</Table.Cell>
                    <Table.Cell className="number">{format.nok(s.left)}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
          <Heading level={(headingLevel + 1) as 4 | 5} data-size="2xs">
            {t('programme.result.greedyTitle')}
          </Heading>
          <Paragraph data-size="sm">
            {selection.greedy.scoreDifference > 0
              ? t('programme.result.greedyBetter', {
                  total: format.number(selection.totalScore, 2),
                  greedy: format.number(selection.greedy.totalScore, 2),
                  difference: format.number(selection.greedy.scoreDifference, 2),
                })
              : t('programme.result.greedySame', { total: format.number(selection.totalScore, 2) })}
          </Paragraph>
          {(selection.greedy.onlyInRecommended.length > 0 || selection.greedy.onlyInGreedy.length > 0) && (
            <ul className="plain-list">
              <li>{t('programme.result.onlyInOptimal', { cases: names(selection.greedy.onlyInRecommended) })}</li>
              <li>{t('programme.result.onlyInGreedy', { cases: names(selection.greedy.onlyInGreedy) })}</li>
            </ul>
          )}
          {result.solverNote && <Paragraph data-size="sm">{format.label(result.solverNote)}</Paragraph>}
        </>
      )}
    </div>
  );
}

/** What a scenario changes from the round's own set-up, in words. */
function describeParameters(round: Round, scenario: Scenario, t: TFunction, format: ReturnType<typeof useFormat>): string[] {
  const p = scenario.parameters;
  const changes: string[] = [];
  if (p.budgetByYear) {
    changes.push(t('programme.result.changedBudget', { budget: Object.entries(p.budgetByYear).map(([year, amount]) => `${year}: ${format.nok(amount)}`).join(', ') }));
  }
  if (p.weights) {
    const weights = p.weights;
    changes.push(t('programme.result.changedWeights', { weights: round.criteria.map((c) => `${format.label(c.label)} ${format.number(weights[c.key] ?? 0, 2)}`).join(', ') }));
  }
  if (p.scoreFloor !== undefined) changes.push(p.scoreFloor === null ? t('programme.result.changedNoFloor') : t('programme.result.changedFloor', { floor: format.number(p.scoreFloor, 2) }));
  if (p.mandatory) {
    const refs = p.mandatory.map((id) => round.candidates.find((c) => c.caseId === id)?.reference ?? id);
    changes.push(t('programme.result.changedMandatory', { cases: refs.length ? refs.join(', ') : t('programme.result.noCases') }));
  }
  return changes;
}

function conflictText(conflict: SelectionConflict, t: TFunction, format: ReturnType<typeof useFormat>, names: (ids: string[]) => string): string {
  if (conflict.kind === 'budget') {
    return t('programme.result.conflictBudget', {
      year: conflict.year,
      cost: format.nok(conflict.mandatoryCost),
      excess: format.nok(conflict.excess),
      budget: format.nok(conflict.budget),
      cases: names(conflict.cases),
    });
  }
  return t('programme.result.conflictAlternative', { cases: names(conflict.cases), requiredBy: names(conflict.requiredBy) });
}

/** The scenarios side by side: for each case, which scenarios select it, with each scenario's total score and spending. */
function Comparison({ round, scenarios }: { round: Round; scenarios: Scenarios }) {
  const { t } = useTranslation();
  const format = useFormat();
  const items = scenarios.items;
  return (
    <>
      <Heading level={3} data-size="xs">
        {t('programme.result.comparisonTitle')}
      </Heading>
      <div className="table-scroll">
        <Table zebra>
          <caption>{t('programme.result.comparisonCaption')}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t('programme.case')}</Table.HeaderCell>
              {items.map((s) => (
                <Table.HeaderCell key={s.id}>
                  {scenarioName(s, t)}
                  {s.recommended && (
                    <>
                      {' '}
                      <Tag data-color="success">{t('programme.result.recommendedTag')}</Tag>
                    </>
                  )}
                </Table.HeaderCell>
              ))}
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {scenarios.comparison.map((row) => (
              <Table.Row key={row.caseId}>
                <Table.HeaderCell scope="row">{row.reference}</Table.HeaderCell>
                {items.map((s) => (
                  <Table.Cell key={s.id}>{row.selectedIn.includes(s.id) ? t('programme.result.selected') : t('programme.result.leftOut')}</Table.Cell>
                ))}
              </Table.Row>
            ))}
            <Table.Row>
              <Table.HeaderCell scope="row">{t('programme.result.totalScore')}</Table.HeaderCell>
              {items.map((s) => (
                <Table.Cell key={s.id}>{s.result.selection.outcome === 'portfolio' ? format.number(s.result.selection.totalScore, 2) : t('programme.result.noPortfolio')}</Table.Cell>
              ))}
            </Table.Row>
            {round.budget.map((b) => (
              <Table.Row key={b.year}>
                <Table.HeaderCell scope="row">{t('programme.result.spentIn', { year: b.year })}</Table.HeaderCell>
                {items.map((s) => {
                  const spending = s.result.selection.outcome === 'portfolio' ? s.result.selection.spending.find((x) => x.year === b.year) : undefined;
                  return <Table.Cell key={s.id}>{spending ? t('programme.result.spentOf', { spent: format.nok(spending.spent), budget: format.nok(spending.budget) }) : '–'}</Table.Cell>;
                })}
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </div>
    </>
  );
}

/** A what-if scenario: the selection again with another frame, weights, floor or mandatory set; only what differs from the round is sent. */
function WhatIfForm({ round }: { round: Round }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [budget, setBudget] = useState(() => round.budget.map((b) => String(b.amountNok)));
  const [weights, setWeights] = useState(() => round.criteria.map((c) => String(c.weight)));
  const [floor, setFloor] = useState(round.scoreFloor === null ? '' : String(round.scoreFloor));
  const [mandatory, setMandatory] = useState(() => new Set(round.candidates.filter((c) => c.mandatory).map((c) => c.caseId)));
  const [done, setDone] = useState<string | null>(null);
  const summary = useRef<HTMLDivElement>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);

  const run = useMutation({
    mutationFn: () => {
      const body: Record<string, unknown> = { name };
      if (budget.some((amount, i) => numberOf(amount) !== round.budget[i]!.amountNok)) body.budget = round.budget.map((b, i) => ({ year: b.year, amountNok: numberOf(budget[i]!) }));
      if (weights.some((w, i) => numberOf(w) !== round.criteria[i]!.weight)) body.weights = Object.fromEntries(round.criteria.map((c, i) => [c.key, numberOf(weights[i]!)]));
      const floorNow = numberOf(floor) ?? null;
      if (floorNow !== round.scoreFloor) body.scoreFloor = floorNow;
      const before = round.candidates.filter((c) => c.mandatory).map((c) => c.caseId);
      if (before.length !== mandatory.size || before.some((id) => !mandatory.has(id))) body.mandatory = [...mandatory];
      return api<Scenarios>(`/api/rounds/${round.id}/scenarios`, { method: 'POST', body });
    },
    onSuccess: (scenarios) => {
      queryClient.setQueryData(scenariosKey(round.id), scenarios);
      setDone(t('programme.whatIf.done', { name }));
      setName('');
    },
  });
  const problem = problemOf(run.error);
  const errors: Record<string, string> = {};
  for (const { field, reason } of problem?.errors ?? []) errors[dotted(field)] = reason;
  useEffect(() => {
    if (run.isError) summary.current?.focus();
  }, [run.isError, run.error]);
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);
  const fieldIdOf = (path: string): string | null => {
    if (path === 'name' || path === 'scoreFloor') return `whatif-${path}`;
    const year = /^budget\.(\d+)/.exec(path);
    if (year) return `whatif-budget-${year[1]}`;
    const weight = /^weights\.(\w+)$/.exec(path);
    if (weight && round.criteria.some((c) => c.key === weight[1])) return `whatif-weight-${weight[1]}`;
    if (path.startsWith('mandatory')) return 'whatif-mandatory';
    return null;
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    run.mutate();
  };

  return (
    <form className="programme-form event-form" onSubmit={submit} noValidate aria-labelledby="whatif-heading">
      <Heading level={3} data-size="xs" id="whatif-heading">
        {t('programme.whatIf.title')}
      </Heading>
      <Paragraph data-size="sm">{t('programme.whatIf.intro')}</Paragraph>
      <p ref={doneRef} tabIndex={-1} role="status" className="programme-focus">
        {done}
      </p>
      <FormProblem ref={summary} problem={problem} failed={run.isError} errors={errors} fieldIdOf={fieldIdOf} />
      <Textfield id="whatif-name" label={t('programme.whatIf.name')} description={t('programme.whatIf.nameHelp')} value={name} error={errors.name} onChange={(e) => setName(e.target.value)} />
      <Fieldset className="programme-stack">
        <Fieldset.Legend>{t('programme.whatIf.budget')}</Fieldset.Legend>
        <div className="programme-grid">
          {round.budget.map((b, i) => (
            <Textfield
              key={b.year}
              id={`whatif-budget-${i}`}
              label={t('programme.setup.frame', { year: b.year })}
              inputMode="numeric"
              value={budget[i]}
              error={errors[`budget.${i}.amountNok`] ?? errors[`budget.${i}`]}
              onChange={(e) => setBudget(budget.map((x, j) => (j === i ? e.target.value : x)))}
            />
          ))}
        </div>
      </Fieldset>
      <Fieldset className="programme-stack">
        <Fieldset.Legend>{t('programme.whatIf.weights')}</Fieldset.Legend>
        {errors.weights && <ValidationMessage>{errors.weights}</ValidationMessage>}
        <div className="programme-grid">
          {round.criteria.map((c, i) => (
            <Textfield
              key={c.key}
              id={`whatif-weight-${c.key}`}
              label={format.label(c.label)}
              inputMode="decimal"
              value={weights[i]}
              error={errors[`weights.${c.key}`]}
              onChange={(e) => setWeights(weights.map((x, j) => (j === i ? e.target.value : x)))}
            />
          ))}
        </div>
      </Fieldset>
      <Textfield
        id="whatif-scoreFloor"
        label={`${t('programme.setup.scoreFloor')} (${t('programme.form.optional')})`}
        description={t('programme.setup.scoreFloorHelp')}
        inputMode="decimal"
        value={floor}
        error={errors.scoreFloor}
        onChange={(e) => setFloor(e.target.value)}
      />
      <Fieldset id="whatif-mandatory" tabIndex={-1}>
        <Fieldset.Legend>{t('programme.whatIf.mandatory')}</Fieldset.Legend>
        {round.candidates.map((c) => (
          <Checkbox
            key={c.caseId}
            label={`${c.reference}: ${c.title}`}
            checked={mandatory.has(c.caseId)}
            onChange={(e) => {
              const next = new Set(mandatory);
              if (e.target.checked) next.add(c.caseId);
              else next.delete(c.caseId);
              setMandatory(next);
            }}
          />
        ))}
        {Object.entries(errors)
          .filter(([k]) => k.startsWith('mandatory'))
          .map(([k, reason]) => (
            <ValidationMessage key={k}>{reason}</ValidationMessage>
          ))}
      </Fieldset>
      <div className="programme-buttons">
        <Button type="submit" disabled={run.isPending}>
          {run.isPending ? t('programme.whatIf.running') : t('programme.whatIf.run')}
        </Button>
      </div>
    </form>
  );
}
