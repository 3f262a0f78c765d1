using System.Diagnostics.CodeAnalysis;

namespace NemLogin.Grains;

/// <summary>
/// Grain references without Orleans' lookup of the interface on every call: <c>IGrainFactory.GetGrain&lt;T&gt;(key)</c> reads
/// the interface's attributes by reflection each time (about 3 % of the broker's CPU in a login profile,
/// docs/benchmarks.md). Here the grain type and interface type of <typeparamref name="T"/> are taken from the first
/// reference Orleans makes and reused; the reference is the one <c>GetGrain</c> would return.
/// </summary>
public static class GrainReferences
{
    public static T Reference<T>(this IGrainFactory grains, string key)
        where T : IGrainWithStringKey =>
        Types<T>.Known is { } known ? Create<T>(grains, known, IdSpan.Create(key)) : Types<T>.Learn(grains.GetGrain<T>(key));

    public static T Reference<T>(this IGrainFactory grains, Guid key)
        where T : IGrainWithGuidKey =>
        Types<T>.Known is { } known ? Create<T>(grains, known, GrainIdKeyExtensions.CreateGuidKey(key)) : Types<T>.Learn(grains.GetGrain<T>(key));

    public static T Reference<T>(this IGrainFactory grains, long key)
        where T : IGrainWithIntegerKey =>
        Types<T>.Known is { } known ? Create<T>(grains, known, GrainIdKeyExtensions.CreateIntegerKey(key)) : Types<T>.Learn(grains.GetGrain<T>(key));

    private static T Create<T>(IGrainFactory grains, GrainTypes known, IdSpan key) =>
        (T)grains.GetGrain(GrainId.Create(known.Grain, key), known.Interface);

    private sealed record GrainTypes(GrainType Grain, GrainInterfaceType Interface);

    [SuppressMessage("Design", "CA1000:Do not declare static members on generic types", Justification = "One cache per interface.")]
    private static class Types<T>
    {
        public static GrainTypes? Known { get; private set; }

        public static T Learn(T reference)
        {
            if (reference is GrainReference made)
            {
                Known = new GrainTypes(made.GrainId.Type, made.InterfaceType);
            }

            return reference;
        }
    }
}
