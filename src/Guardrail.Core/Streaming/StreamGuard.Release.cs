using System.Buffers;
using Guardrail.Policies;
using Guardrail.Verdicts;

namespace Guardrail.Streaming;

public sealed partial class StreamGuard
{
    // Checks the sentences a chunk completed; in hold-back releases each one that passed. False after a cut.
    private bool CheckStreaming(ChoiceStream choice, IBufferWriter<byte> output)
    {
        while (choice.NextSentence(final: false) is { } sentence)
        {
            var check = _inspector.CheckSentence(sentence);
            if (check.Decision == Decision.Block)
            {
                Cut(output, choice, "blocked", Math.Max(0, choice.Released - sentence.Start));
                return false;
            }
            choice.Accept(sentence, check, redact: _mode != StreamingMode.Observe);
            if (_mode == StreamingMode.HoldBack) ReleaseTo(choice, sentence.End, output);
        }
        return true;
    }

    private void ReleaseTo(ChoiceStream choice, int upTo, IBufferWriter<byte> output)
    {
        if (upTo <= choice.Released) return;
        var text = choice.Release(upTo);
        _template.WriteText(output, choice.Index, text);
    }
}
