package dev.junction.client.generator;

import dev.junction.client.generator.Model.FieldModel;
import dev.junction.client.generator.Model.RecordModel;
import dev.junction.client.generator.Model.ViewModel;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.Type;
import graphql.language.TypeName;
import graphql.language.VariableDefinition;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLEnumValueDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Emits Java 17 sources: one class per operation, plus the enums and inputs they use. */
final class JavaWriter {
  private static final String JSON = JavaTypes.JSON;
  private static final String JSON_NODE = "com.fasterxml.jackson.databind.JsonNode";
  private static final String OBJECT_NODE = "com.fasterxml.jackson.databind.node.ObjectNode";
  private static final String STRING = "java.lang.String";
  private static final Set<String> OPERATION_MEMBERS =
      Set.of(
          "builder",
          "document",
          "operationName",
          "operationId",
          "type",
          "variables",
          "parseData",
          "build",
          "toJson");

  private final GraphQLSchema schema;
  private final String packageName;
  private final JavaTypes types;
  private final Map<String, String> files = new LinkedHashMap<>();

  JavaWriter(GraphQLSchema schema, String packageName) {
    this.schema = schema;
    this.packageName = packageName;
    this.types = new JavaTypes(packageName + ".type");
  }

  /** Relative path to source text. */
  Map<String, String> files() {
    return files;
  }

  private record Variable(String name, String javaName, GraphQLInputType type, boolean required) {}

  void operation(CompiledOperation operation) {
    String className = Names.operationClass(operation.name(), operation.type());
    GraphQLObjectType root =
        switch (operation.operation().getOperation()) {
          case QUERY -> schema.getQueryType();
          case MUTATION -> schema.getMutationType();
          case SUBSCRIPTION -> schema.getSubscriptionType();
        };
    RecordModel data =
        new ModelBuilder(schema, operation.fragments())
            .build("Data", root, operation.operation().getSelectionSet(), Set.of(className));
    List<Variable> variables = new ArrayList<>();
    Set<String> taken = new HashSet<>();
    for (VariableDefinition definition : operation.operation().getVariableDefinitions()) {
      GraphQLInputType type = (GraphQLInputType) resolve(definition.getType());
      String javaName = Names.javaIdentifier(definition.getName());
      while (OPERATION_MEMBERS.contains(javaName) || !taken.add(javaName)) {
        javaName = javaName + "_";
      }
      boolean required = type instanceof GraphQLNonNull && definition.getDefaultValue() == null;
      variables.add(new Variable(definition.getName(), javaName, type, required));
    }

    Code code = new Code();
    code.line("package " + packageName + ";").line("");
    code.line("/**")
        .line(
            " * The "
                + operation.type()
                + " {@code "
                + operation.name()
                + "}, generated from {@code "
                + operation.source()
                + "}. Do not edit.")
        .line(" */");
    code.open(
        "public final class "
            + className
            + " implements dev.junction.client.Operation<"
            + className
            + ".Data>");
    code.line("/** The operation name. */")
        .line(
            "public static final "
                + STRING
                + " OPERATION_NAME = "
                + Names.javaString(operation.name())
                + ";")
        .line("")
        .line("/** SHA-256 of {@link #DOCUMENT}: the persisted query id. */")
        .line(
            "public static final "
                + STRING
                + " OPERATION_ID = "
                + Names.javaString(operation.id())
                + ";")
        .line("")
        .line("/** The normalised document. */")
        .line("public static final " + STRING + " DOCUMENT =")
        .line("    " + Names.javaString(operation.text()) + ";")
        .line("");
    for (Variable v : variables) {
      code.line("private final " + types.input(v.type(), true) + " " + v.javaName() + ";");
      code.line("private final boolean " + v.javaName() + "Present__;");
    }
    code.open("private " + className + "(Builder builder)");
    for (Variable v : variables) {
      code.line("this." + v.javaName() + " = builder." + v.javaName() + ";");
      code.line("this." + v.javaName() + "Present__ = builder." + v.javaName() + "Present__;");
    }
    code.close().line("");
    code.line("/** A builder for the variables. */")
        .open("public static Builder builder()")
        .line("return new Builder();")
        .close()
        .line("");
    for (Variable v : variables) {
      code.line("/** The variable {@code $" + v.name() + "}, or null when not set. */")
          .open("public " + types.input(v.type(), true) + " " + v.javaName() + "()")
          .line("return " + v.javaName() + ";")
          .close()
          .line("");
    }
    String opType = operation.type().toUpperCase(java.util.Locale.ROOT);
    code.line("@Override")
        .open("public " + STRING + " document()")
        .line("return DOCUMENT;")
        .close()
        .line("");
    code.line("@Override")
        .open("public " + STRING + " operationName()")
        .line("return OPERATION_NAME;")
        .close()
        .line("");
    code.line("@Override")
        .open("public " + STRING + " operationId()")
        .line("return OPERATION_ID;")
        .close()
        .line("");
    code.line("@Override")
        .open("public dev.junction.client.OperationType type()")
        .line("return dev.junction.client.OperationType." + opType + ";")
        .close()
        .line("");
    code.line("@Override").open("public " + OBJECT_NODE + " variables()");
    code.line(OBJECT_NODE + " variables = " + JSON + ".object();");
    for (Variable v : variables) {
      code.open("if (" + v.javaName() + "Present__)")
          .line(
              "variables.set("
                  + Names.javaString(v.name())
                  + ", "
                  + JSON
                  + ".toJsonValue("
                  + v.javaName()
                  + "));")
          .close();
    }
    code.line("return variables;").close().line("");
    if (operation.text().contains("@defer")) {
      code.line("@Override")
          .open("public boolean incremental()")
          .line("return true;")
          .close()
          .line("");
    }
    code.line("@Override")
        .open("public Data parseData(" + JSON_NODE + " data)")
        .line("return Data.fromJson(data, \"data\");")
        .close()
        .line("");
    builder(code, className, operation.name(), variables);
    record(code, data);
    code.close();
    files.put(path(packageName, className), code.toString());
  }

  private void builder(
      Code code, String className, String operationName, List<Variable> variables) {
    code.line("/** Sets the variables; required ones are checked by {@link #build()}. */");
    code.open("public static final class Builder");
    for (Variable v : variables) {
      code.line("private " + types.input(v.type(), true) + " " + v.javaName() + ";");
      code.line("private boolean " + v.javaName() + "Present__;");
    }
    code.line("").line("private Builder() {}").line("");
    for (Variable v : variables) {
      boolean nonNull = v.type() instanceof GraphQLNonNull;
      code.line(
          "/** Sets {@code $" + v.name() + "}" + (nonNull ? " (must not be null)" : "") + ". */");
      code.open(
          "public Builder "
              + v.javaName()
              + "("
              + types.input(v.type(), false)
              + " "
              + v.javaName()
              + ")");
      if (nonNull && !types.input(v.type(), false).equals(types.input(v.type(), true))) {
        code.line("this." + v.javaName() + " = " + v.javaName() + ";");
      } else if (nonNull) {
        code.line(
            "this."
                + v.javaName()
                + " = java.util.Objects.requireNonNull("
                + v.javaName()
                + ", "
                + Names.javaString("$" + v.name())
                + ");");
      } else {
        code.line("this." + v.javaName() + " = " + v.javaName() + ";");
      }
      code.line("this." + v.javaName() + "Present__ = true;").line("return this;").close().line("");
    }
    code.line("/**")
        .line(" * Builds the operation.")
        .line(" *")
        .line(" * @throws IllegalStateException if a required variable is not set")
        .line(" */");
    code.open("public " + className + " build()");
    code.line("java.util.List<" + STRING + "> missing = new java.util.ArrayList<>();");
    for (Variable v : variables) {
      if (v.required()) {
        code.open("if (!" + v.javaName() + "Present__)")
            .line("missing.add(" + Names.javaString("$" + v.name()) + ");")
            .close();
      }
    }
    code.open("if (!missing.isEmpty())")
        .line(
            "throw new IllegalStateException("
                + Names.javaString(operationName + ": required variable(s) not set: ")
                + " + missing);")
        .close();
    code.line("return new " + className + "(this);").close().close().line("");
  }

  private void record(Code code, RecordModel model) {
    List<String> components = new ArrayList<>();
    for (FieldModel field : model.fields()) {
      GraphQLType type = field.conditional() ? nullable(field.type()) : field.type();
      components.add(types.output(type, childName(field), false) + " " + field.javaName());
    }
    for (ViewModel view : model.views()) {
      components.add("java.util.Optional<" + view.record().name() + "> " + view.javaName());
    }
    for (Model.DeferredModel d : model.deferred()) {
      components.add(
          "java.util.concurrent.CompletableFuture<dev.junction.client.GraphQLResult<"
              + d.record().name()
              + ">> "
              + d.javaName());
    }
    code.line("/**").line(" * Selection on {@code " + model.type().getName() + "}.").line(" *");
    for (FieldModel field : model.fields()) {
      code.line(" * @param " + field.javaName() + " {@code " + field.key() + "}");
    }
    for (ViewModel view : model.views()) {
      code.line(
          " * @param "
              + view.javaName()
              + " the fields selected on {@code "
              + view.typeCondition()
              + "}, present when the object is one");
    }
    for (Model.DeferredModel d : model.deferred()) {
      code.line(
          " * @param "
              + d.javaName()
              + " the deferred fragment"
              + (d.label() == null ? "" : " {@code " + d.label() + "}")
              + ": completes when its part arrives (with that part's errors), exceptionally when the"
              + " response ends without it");
    }
    code.line(" */");
    code.open("public record " + model.name() + "(" + String.join(", ", components) + ")");
    for (ViewModel view : model.views()) {
      code.line("private static final java.util.Set<" + STRING + "> " + constant(view) + " =")
          .line(
              "    java.util.Set.of("
                  + String.join(", ", view.possibleTypes().stream().map(Names::javaString).toList())
                  + ");");
    }
    code.line("/** Reads the selection from a response object. */");
    code.open(
        "public static " + model.name() + " fromJson(" + JSON_NODE + " node, " + STRING + " path)");
    code.line(JSON + ".requireObject(node, path);");
    if (!model.views().isEmpty()) {
      code.line(
          STRING
              + " typename__ = "
              + JSON
              + ".asString("
              + JSON
              + ".nonNull("
              + JSON
              + ".field(node, \"__typename\", path), path + \".__typename\"), path + \".__typename\");");
    }
    List<String> args = new ArrayList<>();
    for (FieldModel field : model.fields()) {
      String key = Names.javaString(field.key());
      String node =
          field.conditional()
              ? JSON + ".conditionalField(node, " + key + ")"
              : JSON + ".field(node, " + key + ", path)";
      String path = "path + " + Names.javaString("." + field.key());
      GraphQLType type = field.conditional() ? nullable(field.type()) : field.type();
      args.add(types.read(type, node, path, childName(field), 0));
    }
    for (ViewModel view : model.views()) {
      args.add(
          "java.util.Optional.ofNullable("
              + constant(view)
              + ".contains(typename__) ? "
              + view.record().name()
              + ".fromJson(node, path) : null)");
    }
    for (Model.DeferredModel d : model.deferred()) {
      args.add(
          "dev.junction.client.DeferredParts.fragment(node, path, "
              + (d.label() == null ? "null" : Names.javaString(d.label()))
              + ", "
              + d.record().name()
              + "::fromJson)");
    }
    if (args.isEmpty()) {
      code.line("return new " + model.name() + "();");
    } else {
      code.line("return new " + model.name() + "(");
      for (int i = 0; i < args.size(); i++) {
        code.line("    " + args.get(i) + (i + 1 < args.size() ? "," : ");"));
      }
    }
    code.close();
    for (FieldModel field : model.fields()) {
      if (field.child() != null) {
        code.line("");
        record(code, field.child());
      }
    }
    for (ViewModel view : model.views()) {
      code.line("");
      record(code, view.record());
    }
    for (Model.DeferredModel d : model.deferred()) {
      code.line("");
      record(code, d.record());
    }
    code.close();
  }

  private static String childName(FieldModel field) {
    return field.child() == null ? null : field.child().name();
  }

  private static String constant(ViewModel view) {
    return "POSSIBLE_TYPES_" + view.javaName().toUpperCase(java.util.Locale.ROOT);
  }

  private static GraphQLType nullable(GraphQLType type) {
    return type instanceof GraphQLNonNull nonNull ? nonNull.getWrappedType() : type;
  }

  private GraphQLType resolve(Type<?> type) {
    if (type instanceof NonNullType nonNull) {
      return GraphQLNonNull.nonNull(resolve(nonNull.getType()));
    }
    if (type instanceof ListType list) {
      return GraphQLList.list(resolve(list.getType()));
    }
    return schema.getType(((TypeName) type).getName());
  }

  /** Generates every enum and input type the operations referenced (inputs transitively). */
  void referencedTypes() {
    Set<String> doneInputs = new HashSet<>();
    boolean progress = true;
    while (progress) {
      progress = false;
      for (String input : List.copyOf(types.inputs)) {
        if (doneInputs.add(input)) {
          input((GraphQLInputObjectType) schema.getType(input));
          progress = true;
        }
      }
    }
    for (String name : types.enums) {
      enumType((GraphQLEnumType) schema.getType(name));
    }
  }

  private void enumType(GraphQLEnumType type) {
    Code code = new Code();
    code.line("package " + types.typePackage() + ";").line("");
    code.line(
        "/** The GraphQL enum {@code "
            + type.getName()
            + "}; values this client does not know read as {@link #UNKNOWN__}. */");
    code.open("public enum " + type.getName() + " implements dev.junction.client.json.WireEnum");
    for (GraphQLEnumValueDefinition value : type.getValues()) {
      code.line(
          Names.javaIdentifier(value.getName()) + "(" + Names.javaString(value.getName()) + "),");
    }
    code.line("/** A value added to the schema after this client was generated. */");
    code.line("UNKNOWN__(null);").line("");
    code.line("private final " + STRING + " wireName;").line("");
    code.open(type.getName() + "(" + STRING + " wireName)")
        .line("this.wireName = wireName;")
        .close()
        .line("");
    code.line("@Override")
        .open("public " + STRING + " wireName()")
        .open("if (wireName == null)")
        .line("throw new IllegalStateException(\"UNKNOWN__ cannot be sent to the server\");")
        .close()
        .line("return wireName;")
        .close()
        .line("");
    code.line("/** The constant for a wire value, {@link #UNKNOWN__} when unknown. */");
    code.open("public static " + type.getName() + " fromWire(" + STRING + " value)")
        .open("for (" + type.getName() + " candidate : values())")
        .open("if (value.equals(candidate.wireName))")
        .line("return candidate;")
        .close()
        .close()
        .line("return UNKNOWN__;")
        .close();
    code.close();
    files.put(path(types.typePackage(), type.getName()), code.toString());
  }

  private void input(GraphQLInputObjectType type) {
    List<String> components = new ArrayList<>();
    List<String[]> fields = new ArrayList<>(); // name, javaName, boxed type, required
    Set<String> taken = new HashSet<>();
    for (GraphQLInputObjectField field : type.getFieldDefinitions()) {
      String javaName = Names.javaIdentifier(field.getName());
      while (OPERATION_MEMBERS.contains(javaName) || !taken.add(javaName)) {
        javaName = javaName + "_";
      }
      String javaType = types.input(field.getType(), true);
      boolean required = field.getType() instanceof GraphQLNonNull && !field.hasSetDefaultValue();
      components.add(javaType + " " + javaName);
      fields.add(new String[] {field.getName(), javaName, javaType, Boolean.toString(required)});
    }
    Code code = new Code();
    code.line("package " + types.typePackage() + ";").line("");
    code.line("/**")
        .line(" * The GraphQL input {@code " + type.getName() + "}; null components are omitted.")
        .line(" *");
    for (String[] f : fields) {
      code.line(
          " * @param "
              + f[1]
              + " {@code "
              + f[0]
              + "}"
              + (Boolean.parseBoolean(f[3]) ? " (required)" : ""));
    }
    code.line(" */");
    code.open(
        "public record "
            + type.getName()
            + "("
            + String.join(", ", components)
            + ") implements dev.junction.client.json.JsonInput");
    code.line("/** Checks the required fields. */");
    code.open("public " + type.getName());
    for (String[] f : fields) {
      if (Boolean.parseBoolean(f[3])) {
        code.line(
            "java.util.Objects.requireNonNull(" + f[1] + ", " + Names.javaString(f[0]) + ");");
      }
    }
    code.close().line("");
    code.line("/** A builder. */")
        .open("public static Builder builder()")
        .line("return new Builder();")
        .close()
        .line("");
    code.line("@Override").open("public " + OBJECT_NODE + " toJson()");
    code.line(OBJECT_NODE + " json = " + JSON + ".object();");
    for (String[] f : fields) {
      code.open("if (" + f[1] + " != null)")
          .line("json.set(" + Names.javaString(f[0]) + ", " + JSON + ".toJsonValue(" + f[1] + "));")
          .close();
    }
    code.line("return json;").close().line("");
    code.line("/** Builds a {@link " + type.getName() + "}. */")
        .open("public static final class Builder");
    for (String[] f : fields) {
      code.line("private " + f[2] + " " + f[1] + ";");
    }
    code.line("").line("private Builder() {}").line("");
    for (String[] f : fields) {
      code.line("/** Sets {@code " + f[0] + "}. */")
          .open("public Builder " + f[1] + "(" + f[2] + " " + f[1] + ")")
          .line("this." + f[1] + " = " + f[1] + ";")
          .line("return this;")
          .close()
          .line("");
    }
    List<String> names = fields.stream().map(f -> f[1]).toList();
    code.line("/** Builds the input; required fields must be set. */")
        .open("public " + type.getName() + " build()")
        .line("return new " + type.getName() + "(" + String.join(", ", names) + ");")
        .close();
    code.close();
    code.close();
    files.put(path(types.typePackage(), type.getName()), code.toString());
  }

  private static String path(String pkg, String className) {
    return pkg.replace('.', '/') + "/" + className + ".java";
  }
}
