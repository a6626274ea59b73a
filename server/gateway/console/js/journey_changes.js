// A change's answer (UpdateStep, SetAnchorDate: JourneyChanges) merged into
// the journey it was made on, as the SDK's MergeChanges does: steps replace
// those of the same key, then anchors and totals. The copy takes the new
// etag only when the server confirmed it was current (`baseEtag`); then
// `current` is true. Otherwise the caller shows the merge and fetches the
// journey again.
//   const {journey: next, current} = mergeChanges(journey, resp.changes);
export function mergeChanges(journey, changes = {}) {
  const byKey = new Map((changes.steps || []).map((s) => [s.key, s]));
  const current = !!changes.baseEtag && changes.baseEtag === journey.etag;
  return {
    current,
    journey: {
      ...journey,
      steps: (journey.steps || []).map((s) => byKey.get(s.key) || s),
      anchors: changes.anchors || [],
      progressPercent: changes.progressPercent || 0,
      overdueCount: changes.overdueCount || 0,
      day: changes.day || 0,
      etag: current ? changes.etag : '',
    },
  };
}
