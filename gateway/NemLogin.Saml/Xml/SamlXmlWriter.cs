using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace NemLogin.Saml.Xml;

/// <summary>
/// Writes the XML of the messages the broker signs as text, without a DOM, and keeps beside it the exclusive canonical
/// form (xml-exc-c14n without comments) of one element while that element is written, so the digest of an enveloped
/// signature is taken over the octets a verifier will compute without canonicalizing a document afterwards.
/// </summary>
/// <remarks>
/// The serialized form is itself canonical except for namespace declarations: it declares a prefix where an element or
/// attribute first uses it outside the declarations in scope, plus the declarations a caller adds with
/// <see cref="Declare"/> (an <c>xs</c> prefix used only inside <c>xsi:type</c> values, which canonical form leaves out
/// because nothing visibly uses it). The canonical form follows Exclusive XML Canonicalization 1.0 §3: attributes in
/// order (declarations by prefix, then unqualified attributes by name, then qualified by namespace and name), a
/// namespace declaration only where a prefix is visibly used and not already rendered with the same value by a
/// canonical ancestor, start and end tags for empty elements, and its character escapes (which this writer also uses
/// for the serialized form). Default namespaces are not supported: every element name carries a prefix.
/// One element at a time may be the canonical apex (<see cref="BeginCanonical"/>).
/// </remarks>
internal sealed class SamlXmlWriter : IDisposable
{
    private static readonly Comparison<Binding> ByPrefix = static (a, b) => string.CompareOrdinal(a.Prefix, b.Prefix);

    private readonly StringBuilder _text;
    private bool _disposed;
    private readonly List<Binding> _inScope = new(16);
    private readonly List<OpenElement> _open = new(16);
    private readonly List<Binding> _pendingDeclarations = new(4);
    private readonly List<PendingAttribute> _pendingAttributes = new(8);

    // Scratch lists of one start tag, reused for every element (a profile showed them as a fifth of the writer's allocations).
    private readonly List<Binding> _declarations = new(4);
    private readonly List<Binding> _renderedHere = new(4);
    private string? _pendingName;
    private string? _pendingPrefix;
    private string? _pendingNamespace;

    private StringBuilder? _canonical;
    private readonly List<Binding> _rendered = new(16);
    private int _canonicalDepth = -1;
    private StringBuilder? _finishedCanonical;

    /// <summary>A writer whose buffers come from <see cref="TextBuffers"/>; <see cref="Dispose"/> gives them back.</summary>
    public SamlXmlWriter(int capacity = 4096) => _text = TextBuffers.Rent(capacity);

    /// <summary>The characters written so far (start tags still pending are not included).</summary>
    public int Length => _text.Length;

    /// <summary>Starts an element named <c>prefix:localName</c> in <paramref name="namespaceUri"/>; attributes follow.</summary>
    public SamlXmlWriter Start(string prefix, string localName, string namespaceUri)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        ArgumentException.ThrowIfNullOrEmpty(localName);
        ArgumentException.ThrowIfNullOrEmpty(namespaceUri);
        FlushStartTag();
        _pendingPrefix = prefix;
        _pendingName = localName;
        _pendingNamespace = namespaceUri;
        return this;
    }

    /// <summary>An unqualified attribute of the element just started; nothing is written when <paramref name="value"/> is null.</summary>
    public SamlXmlWriter Attribute(string name, string? value)
    {
        RequirePendingStartTag();
        if (value is not null)
        {
            _pendingAttributes.Add(new PendingAttribute(string.Empty, string.Empty, name, value));
        }

        return this;
    }

    /// <summary>A namespace-qualified attribute (<c>prefix:localName</c>) of the element just started.</summary>
    public SamlXmlWriter Attribute(string prefix, string localName, string namespaceUri, string value)
    {
        RequirePendingStartTag();
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        ArgumentException.ThrowIfNullOrEmpty(namespaceUri);
        _pendingAttributes.Add(new PendingAttribute(prefix, namespaceUri, localName, value));
        return this;
    }

    /// <summary>
    /// Declares <paramref name="prefix"/> on the element just started even where nothing in its name or attributes uses it
    /// (a prefix named only inside attribute values). Canonical form renders it only where it is visibly used.
    /// </summary>
    public SamlXmlWriter Declare(string prefix, string namespaceUri)
    {
        RequirePendingStartTag();
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        _pendingDeclarations.Add(new Binding(prefix, namespaceUri));
        return this;
    }

    /// <summary>Character content of the current element.</summary>
    public SamlXmlWriter Text(string value)
    {
        FlushStartTag();
        if (_open.Count == 0)
        {
            throw new InvalidOperationException("Text must be inside an element.");
        }

        Escape(value, attribute: false);
        return this;
    }

    /// <summary>Ends the innermost open element.</summary>
    public SamlXmlWriter End()
    {
        FlushStartTag();
        if (_open.Count == 0)
        {
            throw new InvalidOperationException("No element is open.");
        }

        var element = _open[^1];
        _open.RemoveAt(_open.Count - 1);
        Append("</");
        Append(element.Prefix);
        Append(":");
        Append(element.LocalName);
        Append(">");
        _inScope.RemoveRange(element.ScopeMark, _inScope.Count - element.ScopeMark);
        if (_canonical is not null)
        {
            _rendered.RemoveRange(element.RenderedMark, _rendered.Count - element.RenderedMark);
            if (_open.Count == _canonicalDepth)
            {
                _finishedCanonical = _canonical;
                _canonical = null;
                _canonicalDepth = -1;
            }
        }

        return this;
    }

    /// <summary>An element holding only text: <c>Start</c>, <c>Text</c>, <c>End</c>.</summary>
    public SamlXmlWriter TextElement(string prefix, string localName, string namespaceUri, string value) =>
        Start(prefix, localName, namespaceUri).Text(value).End();

    /// <summary>
    /// Makes the next element started the apex of a canonical form kept beside the text until it ends; then
    /// <see cref="TakeCanonical"/> returns it. The element's own text is unaffected.
    /// </summary>
    public void BeginCanonical()
    {
        FlushStartTag();
        if (_canonical is not null || _finishedCanonical is not null)
        {
            throw new InvalidOperationException("One canonical element at a time.");
        }

        // Room for an assertion's canonical form; beyond that it grows by chunks (no copying), the hash reads them in place.
        _canonical = TextBuffers.Rent(8192);
        _canonicalDepth = _open.Count;
    }

    /// <summary>The exclusive canonical form of the element that <see cref="BeginCanonical"/> marked, once it has ended.</summary>
    public string TakeCanonical()
    {
        var canonical = TakeFinishedCanonical();
        var text = canonical.ToString();
        TextBuffers.Return(canonical);
        return text;
    }

    /// <summary>SHA-256 of the UTF-8 octets of <see cref="TakeCanonical"/>, encoded piecewise instead of as one string.</summary>
    public byte[] TakeCanonicalSha256()
    {
        var canonical = TakeFinishedCanonical();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var encoder = Encoding.UTF8.GetEncoder();
        var buffer = ArrayPool<byte>.Shared.Rent(8192);
        try
        {
            foreach (var chunk in canonical.GetChunks())
            {
                // A chunk may end inside a surrogate pair: the encoder keeps the high half for the next chunk.
                for (var span = chunk.Span; !span.IsEmpty;)
                {
                    var take = Math.Min(span.Length, 2048);
                    var written = encoder.GetBytes(span[..take], buffer, flush: false);
                    hash.AppendData(buffer, 0, written);
                    span = span[take..];
                }
            }

            hash.AppendData(buffer, 0, encoder.GetBytes(ReadOnlySpan<char>.Empty, buffer, flush: true));
            return hash.GetHashAndReset();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            TextBuffers.Return(canonical);
        }
    }

    private StringBuilder TakeFinishedCanonical()
    {
        var canonical = _finishedCanonical ?? throw new InvalidOperationException("No canonical element has ended.");
        _finishedCanonical = null;
        return canonical;
    }

    /// <summary>Character content written as the base64 of <paramref name="data"/> (no line breaks), without an intermediate string.</summary>
    public SamlXmlWriter Base64Text(ReadOnlySpan<byte> data)
    {
        FlushStartTag();
        if (_open.Count == 0)
        {
            throw new InvalidOperationException("Text must be inside an element.");
        }

        var chars = ArrayPool<char>.Shared.Rent(((data.Length + 2) / 3) * 4);
        try
        {
            Convert.TryToBase64Chars(data, chars, out var written);
            _text.Append(chars, 0, written);
            _canonical?.Append(chars, 0, written);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }

        return this;
    }

    /// <summary>Inserts already serialized XML (a signature) at <paramref name="index"/> of the text written so far.</summary>
    public void Insert(int index, string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        FlushStartTag();
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, _text.Length);

        // StringBuilder.Insert makes room in a long buffer by splitting it into chunks, and a builder in chunks cannot go
        // back to TextBuffers (every signed assertion then cost a new buffer: docs/benchmarks.md, eighth round). The text
        // after the index moves through a pooled array instead, so a buffer with room stays in one piece.
        var tailLength = _text.Length - index;
        var tail = ArrayPool<char>.Shared.Rent(Math.Max(tailLength, 1));
        try
        {
            _text.CopyTo(index, tail, 0, tailLength);
            _text.Length = index;
            _text.Append(xml).Append(tail, 0, tailLength);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(tail);
        }
    }

    /// <summary>The whole text as UTF-8 octets, encoded from the writer's buffer without an intermediate string.</summary>
    public byte[] ToUtf8()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        FlushStartTag();
        if (_open.Count != 0)
        {
            throw new InvalidOperationException("Elements are still open.");
        }

        var length = 0;
        foreach (var chunk in _text.GetChunks())
        {
            length += Encoding.UTF8.GetByteCount(chunk.Span);
        }

        // Counted per chunk, a surrogate pair split across two chunks counts 6 octets instead of 4: an upper bound, trimmed below.
        var bytes = new byte[length];
        var encoder = Encoding.UTF8.GetEncoder();
        var written = 0;
        foreach (var chunk in _text.GetChunks())
        {
            written += encoder.GetBytes(chunk.Span, bytes.AsSpan(written), flush: false);
        }

        written += encoder.GetBytes(ReadOnlySpan<char>.Empty, bytes.AsSpan(written), flush: true);
        return written == bytes.Length ? bytes : bytes[..written];
    }

    /// <summary>The whole text; every element must have ended.</summary>
    public override string ToString()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        FlushStartTag();
        return _open.Count == 0 ? _text.ToString() : throw new InvalidOperationException("Elements are still open.");
    }

    /// <summary>Gives the buffers back; the writer must not be used again (take its text first).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        TextBuffers.Return(_text);
        if (_canonical is not null)
        {
            TextBuffers.Return(_canonical);
            _canonical = null;
        }

        if (_finishedCanonical is not null)
        {
            TextBuffers.Return(_finishedCanonical);
            _finishedCanonical = null;
        }
    }

    private void RequirePendingStartTag()
    {
        if (_pendingName is null)
        {
            throw new InvalidOperationException("Attributes and declarations belong right after Start.");
        }
    }

    private void FlushStartTag()
    {
        if (_pendingName is not { } localName)
        {
            return;
        }

        var prefix = _pendingPrefix!;
        var namespaceUri = _pendingNamespace!;
        _pendingName = null;
        var element = new OpenElement(prefix, localName, _inScope.Count, _rendered.Count);
        _open.Add(element);

        // Declarations of the serialized form: what the name and attributes use and is not in scope, and what the caller asked for.
        var declarations = VisiblyUsed(_declarations, _inScope, prefix, namespaceUri);
        foreach (var declaration in _pendingDeclarations)
        {
            Need(declarations, _inScope, declaration.Prefix, declaration.NamespaceUri);
        }

        declarations.Sort(ByPrefix);
        _pendingAttributes.Sort(static (a, b) =>
            string.CompareOrdinal(a.NamespaceUri, b.NamespaceUri) is var byNamespace and not 0
                ? byNamespace
                : string.CompareOrdinal(a.LocalName, b.LocalName));
        _inScope.AddRange(declarations);

        StartTag(_text, prefix, localName, declarations);
        if (_canonical is not null)
        {
            // Exclusive C14N §3: a prefix visibly used by the element or its attributes, unless a canonical ancestor rendered it so.
            var rendered = VisiblyUsed(_renderedHere, _rendered, prefix, namespaceUri);
            rendered.Sort(ByPrefix);
            _rendered.AddRange(rendered);
            StartTag(_canonical, prefix, localName, rendered);
        }

        _pendingAttributes.Clear();
        _pendingDeclarations.Clear();
    }

    /// <summary>Into <paramref name="into"/> (emptied first): the bindings the pending element's name and attributes use that <paramref name="scope"/> lacks.</summary>
    private List<Binding> VisiblyUsed(List<Binding> into, List<Binding> scope, string prefix, string namespaceUri)
    {
        into.Clear();
        Need(into, scope, prefix, namespaceUri);
        foreach (var attribute in _pendingAttributes)
        {
            if (attribute.Prefix.Length > 0)
            {
                Need(into, scope, attribute.Prefix, attribute.NamespaceUri);
            }
        }

        return into;
    }

    private void StartTag(StringBuilder sink, string prefix, string localName, List<Binding> declarations)
    {
        sink.Append('<').Append(prefix).Append(':').Append(localName);
        foreach (var declaration in declarations)
        {
            sink.Append(" xmlns:").Append(declaration.Prefix).Append("=\"");
            EscapeInto(sink, declaration.NamespaceUri, attribute: true);
            sink.Append('"');
        }

        foreach (var attribute in _pendingAttributes)
        {
            sink.Append(' ');
            if (attribute.Prefix.Length > 0)
            {
                sink.Append(attribute.Prefix).Append(':');
            }

            sink.Append(attribute.LocalName).Append("=\"");
            EscapeInto(sink, attribute.Value, attribute: true);
            sink.Append('"');
        }

        sink.Append('>');
    }

    private static void Need(List<Binding> declarations, List<Binding> scope, string prefix, string namespaceUri)
    {
        if (Bound(declarations, prefix) is { } pending)
        {
            if (pending != namespaceUri)
            {
                throw new InvalidOperationException($"The prefix {prefix} is bound to two namespaces on one element.");
            }

            return;
        }

        if (Bound(scope, prefix) != namespaceUri)
        {
            declarations.Add(new Binding(prefix, namespaceUri));
        }
    }

    private static string? Bound(List<Binding> scope, string prefix)
    {
        for (var i = scope.Count - 1; i >= 0; i--)
        {
            if (scope[i].Prefix == prefix)
            {
                return scope[i].NamespaceUri;
            }
        }

        return null;
    }

    private void Append(string value)
    {
        _text.Append(value);
        _canonical?.Append(value);
    }

    private void Escape(string value, bool attribute)
    {
        EscapeInto(_text, value, attribute);
        if (_canonical is not null)
        {
            EscapeInto(_canonical, value, attribute);
        }
    }

    /// <summary>Canonical XML 1.0 §2.3 escapes (text: &amp; &lt; &gt; CR; attributes: &amp; &lt; &quot; TAB LF CR).</summary>
    private static void EscapeInto(StringBuilder sink, string value, bool attribute)
    {
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            string? replacement = c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' when !attribute => "&gt;",
                '"' when attribute => "&quot;",
                '\t' when attribute => "&#x9;",
                '\n' when attribute => "&#xA;",
                '\r' => "&#xD;",
                _ => null,
            };
            if (replacement is null)
            {
                RequireXmlCharacter(value, i);
                continue;
            }

            sink.Append(value, start, i - start).Append(replacement);
            start = i + 1;
        }

        sink.Append(value, start, value.Length - start);
    }

    // XML 1.0 §2.2 Char: a control character, a lone surrogate or U+FFFE/U+FFFF cannot be written at all.
    private static void RequireXmlCharacter(string value, int i)
    {
        var c = value[i];
        var valid = c switch
        {
            '\t' or '\n' or '\r' => true,
            < ' ' => false,
            >= '\uD800' and <= '\uDBFF' => i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]),
            >= '\uDC00' and <= '\uDFFF' => i > 0 && char.IsHighSurrogate(value[i - 1]),
            '\uFFFE' or '\uFFFF' => false,
            _ => true,
        };
        if (!valid)
        {
            throw new ArgumentException($"U+{(int)c:X4} at position {i} is not an XML character.", nameof(value));
        }
    }

    private readonly record struct Binding(string Prefix, string NamespaceUri);

    private readonly record struct PendingAttribute(string Prefix, string NamespaceUri, string LocalName, string Value);

    private readonly record struct OpenElement(string Prefix, string LocalName, int ScopeMark, int RenderedMark);
}
