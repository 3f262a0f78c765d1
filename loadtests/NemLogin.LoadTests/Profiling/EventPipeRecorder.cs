using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing.Parsers;

namespace NemLogin.LoadTests.Profiling;

/// <summary>
/// Records a .NET process's CPU samples with EventPipe (the runtime's own tracing, reached over its diagnostics socket;
/// no tool needs installing): the sample profiler every millisecond per thread, the GC's allocation ticks (one event,
/// with its stack, each time about 100 KB more has been allocated: a sample of where the allocations come from), plus
/// the method rundown that names the frames. Dispose stops the session and finishes the file.
/// </summary>
public sealed class EventPipeRecorder : IAsyncDisposable
{
    private readonly EventPipeSession _session;
    private readonly FileStream _output;
    private readonly Task _copy;

    private EventPipeRecorder(EventPipeSession session, FileStream output)
    {
        _session = session;
        _output = output;
        _copy = session.EventStream.CopyToAsync(output);
    }

    public static EventPipeRecorder Start(int processId, string file)
    {
        var providers = new List<EventPipeProvider>
        {
            new("Microsoft-DotNETCore-SampleProfiler", EventLevel.Informational),

            // AllocationTick is a verbose GC event; at this level the GC keyword adds a few events per collection besides,
            // and JIT and loader events (which name the frames) come only while code is first compiled and loaded.
            new("Microsoft-Windows-DotNETRuntime", EventLevel.Verbose,
                (long)(ClrTraceEventParser.Keywords.Jit | ClrTraceEventParser.Keywords.Loader | ClrTraceEventParser.Keywords.GC)),
        };
        var session = new DiagnosticsClient(processId).StartEventPipeSession(providers, requestRundown: true, circularBufferMB: 256);
        return new EventPipeRecorder(session, File.Create(file));
    }

    public async ValueTask DisposeAsync()
    {
        await _session.StopAsync(CancellationToken.None);
        await _copy;
        await _output.DisposeAsync();
        _session.Dispose();
    }
}
