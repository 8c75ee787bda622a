package dev.ess.compiler.mapping;

import dev.ess.compiler.diagnostic.DiagnosticCode;
import dev.ess.compiler.diagnostic.Diagnostics;
import dev.ess.compiler.diagnostic.Position;
import dev.ess.grammar.EssMapParser;
import dev.ess.grammar.EssMapParserBaseVisitor;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/** Turns the parse tree into the immutable AST; nothing of ANTLR leaks past this class. */
final class AstBuilder extends EssMapParserBaseVisitor<Object> {

    /** Characters as written, quotes included: far above any partner field, far below Java's limits. */
    static final int MAX_CONSTANT_LENGTH = 4096;

    private final Path file;
    private final List<String> sourceLines;
    private final Diagnostics diagnostics;

    AstBuilder(Path file, List<String> sourceLines, Diagnostics diagnostics) {
        this.file = file;
        this.sourceLines = sourceLines;
        this.diagnostics = diagnostics;
    }

    @Override
    public MappingFile visitMappingFile(EssMapParser.MappingFileContext context) {
        List<MappingLine> lines = context.mapping().stream().map(this::visitMapping).toList();
        return new MappingFile(file, lines);
    }

    @Override
    public MappingLine visitMapping(EssMapParser.MappingContext context) {
        Source source = (Source) visit(context.source());
        List<FunctionCall> functions = context.call().stream().map(this::visitCall).toList();
        TargetPath target = visitTargetPath(context.targetPath());
        return new MappingLine(position(context), source, functions, target, text(context));
    }

    @Override
    public FieldRef visitFieldSource(EssMapParser.FieldSourceContext context) {
        List<FieldRef.Segment> segments = context.fieldPath().fieldSegment().stream()
                .map(segment -> new FieldRef.Segment(segment.NAME().getText(), segment.EACH() != null))
                .toList();
        return new FieldRef(position(context), segments);
    }

    @Override
    public StringConstant visitStringSource(EssMapParser.StringSourceContext context) {
        return string(context.STRING().getSymbol());
    }

    @Override
    public NumberConstant visitNumberSource(EssMapParser.NumberSourceContext context) {
        return number(context.NUMBER().getSymbol());
    }

    @Override
    public FunctionCall visitCall(EssMapParser.CallContext context) {
        List<Constant> arguments = context.argument().stream().map(argument -> (Constant) visit(argument)).toList();
        return new FunctionCall(position(context), context.NAME().getText(), arguments);
    }

    @Override
    public StringConstant visitStringArgument(EssMapParser.StringArgumentContext context) {
        return string(context.STRING().getSymbol());
    }

    @Override
    public NumberConstant visitNumberArgument(EssMapParser.NumberArgumentContext context) {
        return number(context.NUMBER().getSymbol());
    }

    @Override
    public TargetPath visitTargetPath(EssMapParser.TargetPathContext context) {
        List<TargetPath.Segment> segments = context.targetSegment().stream().map(this::segment).toList();
        return new TargetPath(position(context), segments);
    }

    private TargetPath.Segment segment(EssMapParser.TargetSegmentContext context) {
        if (context instanceof EssMapParser.AttributeSegmentContext attribute) {
            return new TargetPath.Segment(position(attribute), attribute.NAME().getText(), false, true);
        }
        EssMapParser.ElementSegmentContext element = (EssMapParser.ElementSegmentContext) context;
        return new TargetPath.Segment(position(element), element.NAME().getText(), element.EACH() != null, false);
    }

    private StringConstant string(Token token) {
        Position position = position(token);
        String quoted = token.getText();
        checkSize("string", token);
        return new StringConstant(position, unescape(quoted.substring(1, quoted.length() - 1), position));
    }

    private NumberConstant number(Token token) {
        checkSize("number", token);
        return new NumberConstant(position(token), new BigDecimal(token.getText()), token.getText());
    }

    /** A constant that large is a mistake (a pasted payload) and would not even fit in a Java class file. */
    private void checkSize(String kind, Token token) {
        int length = token.getText().length();
        if (length > MAX_CONSTANT_LENGTH) {
            diagnostics.reportWithHint(DiagnosticCode.CONSTANT_TOO_LARGE, position(token),
                    "map large values from an event field", kind, length, MAX_CONSTANT_LENGTH);
        }
    }

    /** Resolves JSON's escapes; any other is reported at its own column. */
    private String unescape(String body, Position position) {
        StringBuilder value = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\') {
                value.append(c);
                continue;
            }
            char escaped = body.charAt(++i);
            switch (escaped) {
                case 'b' -> value.append('\b');
                case 'f' -> value.append('\f');
                case 'n' -> value.append('\n');
                case 'r' -> value.append('\r');
                case 't' -> value.append('\t');
                case '"', '\\', '/' -> value.append(escaped);
                case 'u' -> {
                    String hex = body.substring(i + 1, Math.min(body.length(), i + 5));
                    if (hex.matches("[0-9a-fA-F]{4}")) {
                        value.append((char) Integer.parseInt(hex, 16));
                        i += 4;
                    } else {
                        reportEscape(position, i, "\\u needs four hex digits");
                    }
                }
                default -> reportEscape(position, i, "unknown escape \\" + escaped);
            }
        }
        return value.toString();
    }

    /** @param index the escaped character's index in the string's body */
    private void reportEscape(Position string, int index, String problem) {
        // +1 for the opening quote, -1 to point at the backslash.
        Position at = new Position(string.file(), string.line(), string.column() + index);
        diagnostics.reportWithHint(DiagnosticCode.INVALID_STRING, at,
                "escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX", problem);
    }

    /** The line as written, up to the mapping's last token: trailing comments and blanks cut. */
    private String text(ParserRuleContext context) {
        int line = context.getStart().getLine();
        if (line > sourceLines.size() || context.getStop().getLine() != line) {
            return context.getText();
        }
        String whole = sourceLines.get(line - 1);
        int end = context.getStop().getCharPositionInLine() + context.getStop().getText().length();
        return whole.substring(0, Math.min(end, whole.length())).strip();
    }

    private Position position(ParserRuleContext context) {
        return position(context.getStart());
    }

    private Position position(Token token) {
        return new Position(file, token.getLine(), token.getCharPositionInLine() + 1);
    }
}
