package dev.junction.composition;

import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.AstPrinter;
import graphql.language.BooleanValue;
import graphql.language.Definition;
import graphql.language.Description;
import graphql.language.Directive;
import graphql.language.DirectiveDefinition;
import graphql.language.DirectivesContainer;
import graphql.language.Document;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumTypeExtensionDefinition;
import graphql.language.EnumValueDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputObjectTypeExtensionDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.InterfaceTypeExtensionDefinition;
import graphql.language.ObjectField;
import graphql.language.ObjectTypeDefinition;
import graphql.language.ObjectTypeExtensionDefinition;
import graphql.language.ObjectValue;
import graphql.language.OperationTypeDefinition;
import graphql.language.ScalarTypeDefinition;
import graphql.language.ScalarTypeExtensionDefinition;
import graphql.language.SchemaDefinition;
import graphql.language.StringValue;
import graphql.language.Type;
import graphql.language.TypeName;
import graphql.language.UnionTypeDefinition;
import graphql.language.UnionTypeExtensionDefinition;
import graphql.language.Value;
import graphql.parser.Parser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One parsed subgraph: its types with federation directives resolved to canonical names. */
final class Subgraph {

  enum Kind {
    OBJECT,
    INTERFACE,
    UNION,
    ENUM,
    INPUT,
    SCALAR
  }

  record Key(String fields, boolean resolvable) {}

  /** A field, argument, input field or enum value of one subgraph. */
  static final class Member {
    final String name;
    String type;
    String description;
    String defaultValue;
    final Map<String, Member> args = new LinkedHashMap<>();
    boolean external;
    String requires;
    String provides;
    String overrideFrom;
    String overrideLabel;
    boolean shareable;
    boolean inaccessible;
    final Set<String> tags = new LinkedHashSet<>();
    String deprecated;
    boolean usedAsKey;
    boolean required;
    boolean provided;
    final MetadataDirectives meta = new MetadataDirectives();

    Member(String name) {
      this.name = name;
    }
  }

  /** A named type of one subgraph (all its definitions and extensions merged). */
  static final class TypeDef {
    final String name;
    final Kind kind;
    String description;
    boolean hasDefinition;
    boolean extension;
    boolean extendsDirective;
    final List<Key> keys = new ArrayList<>();
    boolean shareable;
    boolean external;
    boolean interfaceObject;
    boolean inaccessible;
    final Set<String> tags = new LinkedHashSet<>();
    final Map<String, Member> fields = new LinkedHashMap<>();
    final Set<String> interfaces = new LinkedHashSet<>();
    final Set<String> members = new LinkedHashSet<>();
    final MetadataDirectives meta = new MetadataDirectives();

    TypeDef(String name, Kind kind) {
      this.name = name;
      this.kind = kind;
    }
  }

  static final Set<String> FEDERATION_DIRECTIVES =
      Set.of(
          "key",
          "external",
          "requires",
          "provides",
          "extends",
          "shareable",
          "inaccessible",
          "override",
          "tag",
          "interfaceObject",
          "composeDirective",
          "authenticated",
          "requiresScopes",
          "policy",
          "context",
          "fromContext",
          "cost",
          "listSize",
          "link");

  private static final Pattern FED_URL =
      Pattern.compile("https://specs\\.apollo\\.dev/federation/(v\\d+\\.\\d+)");

  final String name;
  final String url;
  final String federationVersion;
  final Map<String, TypeDef> types = new LinkedHashMap<>();
  final Map<String, DirectiveDefinition> directiveDefinitions = new LinkedHashMap<>();
  private final Map<String, String> directiveNames = new HashMap<>();

  private Subgraph(String name, String url, String federationVersion) {
    this.name = name;
    this.url = url;
    this.federationVersion = federationVersion;
  }

  boolean isFed1() {
    return federationVersion.equals("v1.0");
  }

  /** Parses a subgraph SDL; syntax errors become {@code INVALID_GRAPHQL}. */
  static Subgraph parse(SubgraphSource source, List<CompositionError> errors) {
    Document document;
    try {
      document = Parser.parse(source.sdl());
    } catch (RuntimeException e) {
      errors.add(
          new CompositionError(
              "INVALID_GRAPHQL",
              List.of(source.name()),
              "",
              "The SDL of subgraph \"" + source.name() + "\" does not parse: " + e.getMessage()));
      return null;
    }
    String version = "v1.0";
    Map<String, String> names = new HashMap<>();
    Map<String, String> roots = new HashMap<>();
    for (Definition<?> d : document.getDefinitions()) {
      if (d instanceof SchemaDefinition schema) {
        for (Directive link : schema.getDirectives("link")) {
          String url = stringArg(link, "url");
          Matcher m = url == null ? null : FED_URL.matcher(url);
          if (m == null || !m.find()) {
            continue;
          }
          version = m.group(1);
          String prefix = stringArg(link, "as") == null ? "federation" : stringArg(link, "as");
          for (String fed : FEDERATION_DIRECTIVES) {
            names.put(prefix + "__" + fed, fed);
          }
          Argument imports = link.getArgument("import");
          if (imports != null && imports.getValue() instanceof ArrayValue list) {
            for (Value<?> v : list.getValues()) {
              if (v instanceof StringValue s && s.getValue().startsWith("@")) {
                names.put(s.getValue().substring(1), s.getValue().substring(1));
              } else if (v instanceof ObjectValue o) {
                String imported = null;
                String alias = null;
                for (ObjectField f : o.getObjectFields()) {
                  if (f.getValue() instanceof StringValue s) {
                    if (f.getName().equals("name")) {
                      imported = s.getValue();
                    } else if (f.getName().equals("as")) {
                      alias = s.getValue();
                    }
                  }
                }
                if (imported != null && imported.startsWith("@")) {
                  String local = alias == null ? imported : alias;
                  names.put(local.substring(1), imported.substring(1));
                }
              }
            }
          }
        }
        for (OperationTypeDefinition op : schema.getOperationTypeDefinitions()) {
          roots.put(op.getTypeName().getName(), capitalize(op.getName()));
        }
      }
    }
    if (version.equals("v1.0")) {
      for (String fed : FEDERATION_DIRECTIVES) {
        names.put(fed, fed);
      }
    }
    Subgraph subgraph = new Subgraph(source.name(), source.url(), version);
    subgraph.directiveNames.putAll(names);
    subgraph.read(document, roots);
    return subgraph;
  }

  private static String capitalize(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** Whether a type is federation machinery that never reaches the supergraph. */
  static boolean isFederationType(String name) {
    return name.equals("_Service")
        || name.equals("_Entity")
        || name.equals("_Any")
        || name.equals("_FieldSet")
        || name.equals("FieldSet")
        || name.startsWith("federation__")
        || name.startsWith("link__");
  }

  private void read(Document document, Map<String, String> roots) {
    for (Definition<?> d : document.getDefinitions()) {
      if (d instanceof DirectiveDefinition dd) {
        if (!directiveNames.containsKey(dd.getName()) && !dd.getName().startsWith("federation__")) {
          directiveDefinitions.put(dd.getName(), dd);
        }
        continue;
      }
      if (!(d instanceof graphql.language.TypeDefinition<?> td)) {
        continue;
      }
      String typeName = roots.getOrDefault(td.getName(), td.getName());
      if (isFederationType(typeName)) {
        continue;
      }
      if (d instanceof ObjectTypeDefinition o) {
        TypeDef t = type(typeName, Kind.OBJECT, o instanceof ObjectTypeExtensionDefinition);
        common(t, o, o.getDescription());
        o.getImplements().forEach(i -> t.interfaces.add(((TypeName) i).getName()));
        for (FieldDefinition f : o.getFieldDefinitions()) {
          if (typeName.equals("Query")
              && (f.getName().equals("_service") || f.getName().equals("_entities"))) {
            continue;
          }
          t.fields.put(f.getName(), field(f, t));
        }
      } else if (d instanceof InterfaceTypeDefinition o) {
        TypeDef t = type(typeName, Kind.INTERFACE, o instanceof InterfaceTypeExtensionDefinition);
        common(t, o, o.getDescription());
        o.getImplements().forEach(i -> t.interfaces.add(((TypeName) i).getName()));
        for (FieldDefinition f : o.getFieldDefinitions()) {
          t.fields.put(f.getName(), field(f, t));
        }
      } else if (d instanceof UnionTypeDefinition u) {
        TypeDef t = type(typeName, Kind.UNION, u instanceof UnionTypeExtensionDefinition);
        common(t, u, u.getDescription());
        u.getMemberTypes().forEach(m -> t.members.add(((TypeName) m).getName()));
      } else if (d instanceof EnumTypeDefinition e) {
        TypeDef t = type(typeName, Kind.ENUM, e instanceof EnumTypeExtensionDefinition);
        common(t, e, e.getDescription());
        for (EnumValueDefinition v : e.getEnumValueDefinitions()) {
          Member m = new Member(v.getName());
          m.description = text(v.getDescription());
          memberDirectives(m, v);
          t.fields.put(v.getName(), m);
        }
      } else if (d instanceof InputObjectTypeDefinition i) {
        TypeDef t = type(typeName, Kind.INPUT, i instanceof InputObjectTypeExtensionDefinition);
        common(t, i, i.getDescription());
        for (InputValueDefinition v : i.getInputValueDefinitions()) {
          t.fields.put(v.getName(), inputValue(v));
        }
      } else if (d instanceof ScalarTypeDefinition s) {
        TypeDef t = type(typeName, Kind.SCALAR, s instanceof ScalarTypeExtensionDefinition);
        common(t, s, s.getDescription());
      }
    }
  }

  private TypeDef type(String typeName, Kind kind, boolean isExtension) {
    TypeDef t = types.computeIfAbsent(typeName, n -> new TypeDef(n, kind));
    if (isExtension) {
      t.extension = true;
    } else {
      t.hasDefinition = true;
    }
    return t;
  }

  private void common(TypeDef t, DirectivesContainer<?> node, Description description) {
    if (t.description == null) {
      t.description = text(description);
    }
    for (Directive d : node.getDirectives()) {
      String canonical = directiveNames.get(d.getName());
      if (canonical == null) {
        continue;
      }
      switch (canonical) {
        case "key" -> {
          Argument resolvable = d.getArgument("resolvable");
          boolean r =
              resolvable == null
                  || !(resolvable.getValue() instanceof BooleanValue b)
                  || b.isValue();
          String fields = stringArg(d, "fields");
          t.keys.add(new Key(fields == null ? "" : fields, r));
        }
        case "extends" -> {
          t.extension = true;
          t.extendsDirective = true;
        }
        case "shareable" -> t.shareable = true;
        case "external" -> t.external = true;
        case "interfaceObject" -> t.interfaceObject = true;
        case "inaccessible" -> t.inaccessible = true;
        case "tag" -> t.tags.add(stringArg(d, "name"));
        default -> t.meta.read(canonical, d);
      }
    }
  }

  private Member field(FieldDefinition f, TypeDef owner) {
    Member m = new Member(f.getName());
    m.type = AstPrinter.printAst(f.getType());
    m.description = text(f.getDescription());
    for (InputValueDefinition a : f.getInputValueDefinitions()) {
      m.args.put(a.getName(), inputValue(a));
    }
    memberDirectives(m, f);
    if (owner.shareable) {
      m.shareable = true;
    }
    if (owner.external) {
      m.external = true;
    }
    return m;
  }

  private Member inputValue(InputValueDefinition v) {
    Member m = new Member(v.getName());
    m.type = AstPrinter.printAst(v.getType());
    m.description = text(v.getDescription());
    if (v.getDefaultValue() != null) {
      m.defaultValue = AstPrinter.printAst(v.getDefaultValue());
    }
    memberDirectives(m, v);
    return m;
  }

  private void memberDirectives(Member m, DirectivesContainer<?> node) {
    for (Directive d : node.getDirectives()) {
      if (d.getName().equals("deprecated")) {
        String reason = stringArg(d, "reason");
        m.deprecated = reason == null ? "" : reason;
        continue;
      }
      String canonical = directiveNames.get(d.getName());
      if (canonical == null) {
        continue;
      }
      switch (canonical) {
        case "external" -> m.external = true;
        case "requires" -> m.requires = stringArg(d, "fields");
        case "provides" -> m.provides = stringArg(d, "fields");
        case "shareable" -> m.shareable = true;
        case "inaccessible" -> m.inaccessible = true;
        case "tag" -> m.tags.add(stringArg(d, "name"));
        case "override" -> {
          m.overrideFrom = stringArg(d, "from");
          m.overrideLabel = stringArg(d, "label");
        }
        default -> m.meta.read(canonical, d);
      }
    }
  }

  static String stringArg(Directive d, String arg) {
    Argument a = d.getArgument(arg);
    return a != null && a.getValue() instanceof StringValue s ? s.getValue() : null;
  }

  static String text(Description d) {
    return d == null ? null : d.getContent();
  }

  /** The named type inside a printed type reference, e.g. {@code [Foo!]! -> Foo}. */
  static String namedType(String type) {
    return type.replace("[", "").replace("]", "").replace("!", "").trim();
  }

  static Type<?> parseType(String type) {
    return new graphql.parser.Parser()
        .parseDocument("type X { f: " + type + " }")
        .getDefinitionsOfType(ObjectTypeDefinition.class)
        .get(0)
        .getFieldDefinitions()
        .get(0)
        .getType();
  }
}
