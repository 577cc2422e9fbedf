namespace Vigil.Output.Html;

/// <summary>
/// A trace over several goroutines (a race) drawn as one lane per flow
/// (RelatedLocation.Flow), the reported access's flow first: each lane runs
/// from how its goroutine starts, through the calls that lead on, down to its
/// access, and the accesses sit side by side on the last row, joined by the race.
/// Under each access, the locks it holds (RelatedLocation.Locks), when the
/// check says.
/// </summary>
public static class LanesDiagram
{
    private const double LaneWidth = 340, Gap = 60, Header = 34, Node = 44, Row = 62, Pad = 12, LockLine = 22;

    public sealed record Lane(string Name, IReadOnlyList<Step> Path, Step Access);

    /// <summary>The lanes of a finding: the steps of each flow, the access of each last.</summary>
    public static IReadOnlyList<Lane> LanesOf(IReadOnlyList<Step> steps, Step reported)
    {
        var names = new List<string?> { reported.Flow };
        foreach (var s in steps)
            if (!names.Contains(s.Flow)) names.Add(s.Flow);
        var lanes = new List<Lane>();
        foreach (var name in names)
        {
            var mine = steps.Where(s => s.Flow == name).ToList();
            bool reportedHere = name == reported.Flow;
            // The access: the step the check marked with its locks; in the reported flow, else the finding's own place.
            var access = mine.FirstOrDefault(s => s.Locks is not null)
                ?? (reportedHere ? mine.FirstOrDefault(s => Step.SamePlace(s.Location, reported.Location)) ?? reported : mine.LastOrDefault());
            if (access is null) continue;
            if (reportedHere && access.Locks is null && reported.Locks is not null) access = access with { Locks = reported.Locks };
            // The finding's own message says the whole race; in its lane the node is this goroutine's access.
            if (access.IsReported) access = access with { Message = "this access (reported)" };
            lanes.Add(new Lane(name ?? "trace", mine.Where(s => s.Number != access.Number).ToList(), access));
        }
        return lanes;
    }

    public static string Draw(string id, IReadOnlyList<Step> steps, Step reported, Func<Step, string> where)
    {
        var lanes = LanesOf(steps, reported);
        int rows = lanes.Max(l => l.Path.Count) + 1;
        var svg = new Svg(id);
        double width = Pad * 2 + lanes.Count * LaneWidth + (lanes.Count - 1) * Gap;
        double height = Pad * 2 + Header + rows * Row + LockLine;
        double X(int lane) => Pad + lane * (LaneWidth + Gap);
        double Y(int row) => Pad + Header + 8 + row * Row;
        int fit = Svg.Fit(LaneWidth - 56);
        for (int l = 0; l < lanes.Count; l++)
        {
            var lane = lanes[l];
            svg.Rect(X(l), Pad, LaneWidth, height - 2 * Pad, "lane", lane.Name);
            svg.Text(X(l) + 10, Pad + 20, lane.Name, "fn-name", Svg.Fit(LaneWidth - 20));
            // The lane's steps from the top, its access on the last row, aligned with the other lanes' accesses.
            var placed = lane.Path.Select((s, i) => (Step: s, Row: i)).Append((Step: lane.Access, Row: rows - 1)).ToList();
            for (int i = 0; i + 1 < placed.Count; i++)
                svg.Arrow("flow", true, (X(l) + LaneWidth / 2, Y(placed[i].Row) + Node), (X(l) + LaneWidth / 2, Y(placed[i + 1].Row) - 2));
            foreach (var (s, row) in placed)
            {
                bool access = s == lane.Access;
                svg.Rect(X(l) + 12, Y(row), LaneWidth - 24, Node, access ? "node node-access" : "node", s.Message);
                svg.Circle(X(l) + 30, Y(row) + Node / 2, 9, access ? "dot dot-end" : "dot");
                svg.Text(X(l) + 30, Y(row) + Node / 2 + 4, s.Mark, "dot-mark", anchor: "middle");
                svg.Text(X(l) + 46, Y(row) + 18, s.Message, access ? "label label-end" : "label", fit);
                svg.Text(X(l) + 46, Y(row) + 34, where(s), "where", fit);
            }
            if (lane.Access.Locks is { } locks)
                svg.Text(X(l) + 16, Y(rows - 1) + Node + 17, locks.Count == 0 ? "no lock held" : "holding " + string.Join(", ", locks),
                    locks.Count == 0 ? "locks locks-none" : "locks", Svg.Fit(LaneWidth - 24));
        }
        // The race: between the accesses of neighbouring lanes.
        for (int l = 0; l + 1 < lanes.Count; l++)
        {
            double y = Y(rows - 1) + Node / 2;
            svg.Arrow("race", false, (X(l) + LaneWidth - 12, y), (X(l + 1) + 12, y));
            svg.Text(X(l) + LaneWidth + Gap / 2, y - 6, "race", "race-label", anchor: "middle");
        }
        return svg.ToString(width, height, $"{lanes.Count} goroutines: {string.Join(" and ", lanes.Select(l => l.Name))}");
    }
}
