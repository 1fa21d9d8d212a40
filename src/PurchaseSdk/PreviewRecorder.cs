namespace PurchaseSdk;

/// <summary>Collects what one provider would send during a dry run (<see cref="IPurchaseReporter.PreviewAsync"/>).</summary>
internal sealed class PreviewRecorder
{
    private readonly List<PreviewRequest> _requests = [];
    private readonly List<string> _notes = [];

    public IReadOnlyList<PreviewRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public IReadOnlyList<string> Notes
    {
        get
        {
            lock (_requests)
            {
                return [.. _notes];
            }
        }
    }

    public void Record(PreviewRequest request)
    {
        lock (_requests)
        {
            _requests.Add(request);
        }
    }

    public void Note(string note)
    {
        lock (_requests)
        {
            if (!_notes.Contains(note))
            {
                _notes.Add(note);
            }
        }
    }
}
