using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;

namespace NemLogin.Gateway.Tests.Support;

/// <summary>
/// Counts the broker's own grain calls that the embedded silo receives (gateway to grain and grain to grain), by interface
/// and method, while <see cref="Start"/> is in force; Orleans' own (timers, membership) are left out. An observer only:
/// every call goes on unchanged.
/// </summary>
public sealed class GrainCallCounter : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _sequence = new();
    private volatile bool _counting;

    /// <summary>Registers the counter with a host's services (for <see cref="BrokerFactory"/>'s <c>services</c>).</summary>
    public void AddTo(IServiceCollection services) => services.AddSingleton<IIncomingGrainCallFilter>(this);

    public void Start()
    {
        _calls.Clear();
        _sequence.Clear();
        _counting = true;
    }

    /// <summary>Stops counting; the calls counted since <see cref="Start"/>, as "IInterface.Method" → count.</summary>
    public IReadOnlyDictionary<string, int> Stop()
    {
        _counting = false;
        return new SortedDictionary<string, int>(_calls, StringComparer.Ordinal);
    }

    /// <summary>The calls counted since <see cref="Start"/> in the order they arrived.</summary>
    public IReadOnlyList<string> Sequence => [.. _sequence];

    /// <summary>Puts a label into <see cref="Sequence"/> (a step of the walk), to tell which step made which call.</summary>
    public void Mark(string label) => _sequence.Enqueue("--- " + label);

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (_counting && context.InterfaceMethod.DeclaringType?.Namespace?.StartsWith("NemLogin.", StringComparison.Ordinal) == true)
        {
            var name = context.InterfaceMethod.DeclaringType?.Name + "." + context.InterfaceMethod.Name;
            _calls.AddOrUpdate(name, 1, (_, n) => n + 1);
            _sequence.Enqueue(name);
        }

        return context.Invoke();
    }
}
