package dev.junction.planner;

import graphql.language.BooleanValue;
import graphql.language.Directive;
import graphql.language.SourceLocation;
import graphql.language.StringValue;
import graphql.language.VariableReference;
import java.util.List;

/**
 * How {@code @defer(label:, if:)} is read, by the planner when it plans a deferred part and by the
 * executor when it finds the fragment that part stands for: both must agree.
 */
public final class DeferDirective {
  private DeferDirective() {}

  /** The {@code @defer} among a fragment's directives, or null. */
  public static Directive of(List<Directive> directives) {
    for (Directive d : directives) {
      if (d.getName().equals("defer")) {
        return d;
      }
    }
    return null;
  }

  /** Where the directive is in its document ({@code line:column}), or null when unknown. */
  public static String at(Directive defer) {
    SourceLocation l = defer.getSourceLocation();
    return l == null ? null : l.getLine() + ":" + l.getColumn();
  }

  /** Its {@code label}, or null. */
  public static String label(Directive defer) {
    var arg = defer.getArgument("label");
    return arg != null && arg.getValue() instanceof StringValue s ? s.getValue() : null;
  }

  /** Whether it is {@code if: false} (the fragment is not deferred). */
  public static boolean isOff(Directive defer) {
    var arg = defer.getArgument("if");
    return arg != null && arg.getValue() instanceof BooleanValue b && !b.isValue();
  }

  /** The variable of {@code if: $v}, or null. */
  public static String ifVariable(Directive defer) {
    var arg = defer.getArgument("if");
    return arg != null && arg.getValue() instanceof VariableReference v ? v.getName() : null;
  }
}
