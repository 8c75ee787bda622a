package dev.ess.compiler.mapping;

import dev.ess.compiler.diagnostic.DiagnosticCode;
import dev.ess.compiler.diagnostic.Diagnostics;
import dev.ess.compiler.diagnostic.Position;
import dev.ess.grammar.EssMapLexer;
import dev.ess.grammar.EssMapParser;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Turns ANTLR's syntax errors into diagnostics that name what was found and list, sorted and
 * with friendly names, what could have come instead. Only the first error of a line is kept:
 * the rest are usually echoes of it.
 */
final class SyntaxErrorReporter extends BaseErrorListener {

    private static final int MAX_SHOWN = 40;
    private static final String HINT = "a mapping reads: <field> | <function> -> <Element>/<Element>";

    private final Path file;
    private final Diagnostics diagnostics;
    private final Set<Integer> linesWithErrors = new HashSet<>();

    SyntaxErrorReporter(Path file, Diagnostics diagnostics) {
        this.file = file;
        this.diagnostics = diagnostics;
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int column,
            String antlrMessage, RecognitionException exception) {
        if (!linesWithErrors.add(line)) {
            return;
        }
        Position position = new Position(file, line, column + 1);
        Token token = (Token) offendingSymbol;
        if (token.getType() == EssMapLexer.UNTERMINATED_STRING) {
            diagnostics.reportWithHint(DiagnosticCode.MAPPING_SYNTAX, position,
                    "close it with '\"' on the same line", "unterminated string constant");
            return;
        }
        Parser parser = (Parser) recognizer;
        IntervalSet expected = exception != null && exception.getExpectedTokens() != null
                ? exception.getExpectedTokens()
                : parser.getExpectedTokens();
        Token previous = parser.getInputStream().LT(-1);
        String nameAlias = nameAlias(previous == null ? Token.INVALID_TYPE : previous.getType(),
                parser.getContext().getRuleIndex());
        String message = "unexpected " + describe(token) + expectation(expected, nameAlias);
        boolean bareArgument = token.getType() == EssMapLexer.NAME && (parser.getContext().getRuleIndex() == EssMapParser.RULE_call
                || parser.getContext().getRuleIndex() == EssMapParser.RULE_argument);
        diagnostics.reportWithHint(DiagnosticCode.MAPPING_SYNTAX, position,
                bareArgument ? "write a text argument in quotes: " + call(parser) + "(\"" + token.getText() + "\")" : HINT,
                message);
    }

    /** The name of the function whose arguments are being read. */
    private static String call(Parser parser) {
        ParserRuleContext context = parser.getContext();
        while (context != null && !(context instanceof EssMapParser.CallContext)) {
            context = context.getParent();
        }
        return context == null ? "<function>" : ((EssMapParser.CallContext) context).NAME().getText();
    }

    private static String describe(Token token) {
        return switch (token.getType()) {
            case Token.EOF -> "end of file";
            case EssMapLexer.NEWLINE -> "end of line";
            case EssMapLexer.NAME -> "name '" + abbreviated(token.getText()) + "'";
            case EssMapLexer.NUMBER -> "number " + abbreviated(token.getText());
            case EssMapLexer.STRING -> "string " + abbreviated(token.getText());
            case EssMapLexer.UNKNOWN_CHAR -> "character " + character(token.getText());
            default -> "'" + token.getText() + "'";
        };
    }

    /** A stray character as a terminal can show it: invisible ones by their code point. */
    private static String character(String text) {
        int codePoint = text.codePointAt(0);
        boolean visible = !Character.isISOControl(codePoint) && !Character.isWhitespace(codePoint)
                && Character.isDefined(codePoint) && Character.getType(codePoint) != Character.FORMAT
                && Character.getType(codePoint) != Character.SURROGATE && Character.getType(codePoint) != Character.PRIVATE_USE;
        return visible ? "'" + text + "'" : String.format(Locale.ROOT, "U+%04X", codePoint);
    }

    /** Long tokens cut, so one message stays one readable line. */
    private static String abbreviated(String text) {
        return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN) + "...";
    }

    private static String expectation(IntervalSet expected, String nameAlias) {
        if (expected == null || expected.isNil()) {
            return "";
        }
        Set<String> names = new TreeSet<>();
        for (int type : expected.toList()) {
            names.add(alias(type, nameAlias));
        }
        List<String> sorted = List.copyOf(names);
        if (sorted.size() == 1) {
            return ", expected " + sorted.get(0);
        }
        return ", expected " + String.join(", ", sorted.subList(0, sorted.size() - 1))
                + " or " + sorted.get(sorted.size() - 1);
    }

    /** A name is a field, a function or an element, depending on where the parser stands. */
    private static String nameAlias(int previousType, int ruleIndex) {
        if (previousType == EssMapLexer.PIPE || ruleIndex == EssMapParser.RULE_call) {
            return "<function>";
        }
        if (previousType == EssMapLexer.ARROW || previousType == EssMapLexer.SLASH || previousType == EssMapLexer.AT
                || ruleIndex == EssMapParser.RULE_targetPath || ruleIndex == EssMapParser.RULE_targetSegment) {
            return "<element>";
        }
        return "<field>";
    }

    private static String alias(int type, String nameAlias) {
        return switch (type) {
            case Token.EOF -> "<end of file>";
            case EssMapLexer.NEWLINE -> "<end of line>";
            case EssMapLexer.STRING -> "<string>";
            case EssMapLexer.NUMBER -> "<number>";
            case EssMapLexer.NAME -> nameAlias;
            case EssMapLexer.AT -> "'@'";
            case EssMapLexer.EACH -> "'[]'";
            default -> EssMapParser.VOCABULARY.getLiteralName(type) != null
                    ? EssMapParser.VOCABULARY.getLiteralName(type)
                    : EssMapParser.VOCABULARY.getDisplayName(type);
        };
    }
}
