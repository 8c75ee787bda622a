package dev.ess.compiler.mapping;

import dev.ess.compiler.diagnostic.DiagnosticCode;
import dev.ess.compiler.diagnostic.Diagnostics;
import dev.ess.compiler.diagnostic.Position;
import dev.ess.compiler.diagnostic.SourceText;
import dev.ess.grammar.EssMapLexer;
import dev.ess.grammar.EssMapParser;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;

/** The mapping front end: text in, immutable AST out, every syntax error reported with its spot. */
public final class MappingParser {

    private final Diagnostics diagnostics;

    public MappingParser(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** Parses a mapping file; empty when it cannot be read or has errors (all reported). */
    public Optional<MappingFile> parse(Path file) {
        String text;
        try {
            text = SourceText.read(file);
        } catch (NoSuchFileException e) {
            diagnostics.report(DiagnosticCode.FILE_NOT_FOUND, Position.of(file), file.getFileName());
            return Optional.empty();
        } catch (SourceText.NotUtf8Exception e) {
            diagnostics.report(DiagnosticCode.FILE_UNREADABLE, e.position(), file.getFileName(), e.getMessage());
            return Optional.empty();
        } catch (IOException e) {
            diagnostics.report(DiagnosticCode.FILE_UNREADABLE, Position.of(file), file.getFileName(), e.getMessage());
            return Optional.empty();
        }
        return parse(file, text);
    }

    /** Parses mapping text that was read elsewhere; {@code file} is where positions point. */
    public Optional<MappingFile> parse(Path file, String text) {
        int errorsBefore = diagnostics.errorCount();
        EssMapLexer lexer = new EssMapLexer(CharStreams.fromString(text, file.toString()));
        lexer.removeErrorListeners();
        EssMapParser parser = new EssMapParser(new CommonTokenStream(lexer));
        parser.removeErrorListeners();
        parser.addErrorListener(new SyntaxErrorReporter(file, diagnostics));
        EssMapParser.MappingFileContext tree = parser.mappingFile();
        if (diagnostics.errorCount() > errorsBefore) {
            return Optional.empty();
        }
        List<String> lines = text.lines().toList();
        MappingFile mapping = new AstBuilder(file, lines, diagnostics).visitMappingFile(tree);
        if (diagnostics.errorCount() > errorsBefore) {
            return Optional.empty();
        }
        if (mapping.lines().isEmpty()) {
            diagnostics.reportWithHint(DiagnosticCode.EMPTY_MAPPING, Position.of(file),
                    "write one mapping a line, like: permit_id -> Permit/ID");
            return Optional.empty();
        }
        return Optional.of(mapping);
    }
}
