package com.gridcommand.security;

import com.gridcommand.base.i18n.ProblemException;
import com.gridcommand.security.internal.GridUserRepository;
import com.gridcommand.security.internal.SecurityQueries;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * People's accounts. Administrators manage users inside their own areas: they can neither see nor
 * hand out more than they have.
 */
@Service
@Transactional
public class UserService {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,63}");

    private final GridUserRepository users;
    private final SecurityQueries queries;
    private final PasswordEncoder encoder;
    private final CurrentUser current;
    private final ApplicationEventPublisher events;

    UserService(GridUserRepository users, SecurityQueries queries, PasswordEncoder encoder, CurrentUser current, ApplicationEventPublisher events) {
        this.users = users;
        this.queries = queries;
        this.encoder = encoder;
        this.current = current;
        this.events = events;
    }

    /** The request to create a user; the password is checked for strength and then only its hash is kept. */
    public record NewUser(String username, String displayName, Role role, AccessScope scope, String password) {}

    @Transactional(readOnly = true)
    public List<GridUser> list() {
        GridUser admin = current.require(Role.ADMIN);
        return users.all().stream().filter(u -> admin.scope().contains(u.scope())).map(GridUser::withoutSecret).toList();
    }

    public GridUser create(NewUser request) {
        GridUser admin = current.require(Role.ADMIN);
        String username = request.username() == null ? "" : request.username().trim().toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(username).matches()) {
            throw new ProblemException("problem.user.username", "user names are 3–64 lower-case letters, digits, '.', '_' or '-'");
        }
        if (request.displayName() == null || request.displayName().isBlank()) throw new ProblemException("problem.user.displayName", "a display name is needed");
        checkScope(admin, request.scope());
        checkStrength(request.password());
        if (users.byUsername(username).isPresent()) throw new ProblemException("problem.user.taken", "the user name " + username + " is taken", username);
        long id = queries.insertUser(username, request.displayName().trim(), encoder.encode(request.password()), request.role(), request.scope());
        return users.byId(id).orElseThrow().withoutSecret();
    }

    public void update(long id, String displayName, Role role, AccessScope scope) {
        GridUser admin = current.require(Role.ADMIN);
        GridUser user = manageable(admin, id);
        if (displayName == null || displayName.isBlank()) throw new ProblemException("problem.user.displayName", "a display name is needed");
        checkScope(admin, scope);
        if (user.id() == admin.id() && (role != Role.ADMIN || !scope.equals(admin.scope()))) {
            throw new ProblemException("problem.user.ownAccess", "you cannot change your own role or areas");
        }
        queries.updateUserAccess(id, displayName.trim(), role, scope);
        events.publishEvent(new UserAccessChanged(user.username()));
    }

    /** Disabling ends the user's open sessions (within seconds on this node, within a minute on any). */
    public void setEnabled(long id, boolean enabled) {
        GridUser admin = current.require(Role.ADMIN);
        GridUser user = manageable(admin, id);
        if (user.id() == admin.id() && !enabled) throw new ProblemException("problem.user.disableSelf", "you cannot disable yourself");
        queries.setUserEnabled(id, enabled);
        if (!enabled) events.publishEvent(new UserAccessChanged(user.username()));
    }

    public void resetPassword(long id, String password) {
        GridUser admin = current.require(Role.ADMIN);
        manageable(admin, id);
        checkStrength(password);
        queries.setUserPassword(id, encoder.encode(password));
    }

    private GridUser manageable(GridUser admin, long id) {
        GridUser user = users.byId(id).orElseThrow(() -> new ProblemException("problem.user.unknown", "no such user"));
        if (!admin.scope().contains(user.scope())) throw new CurrentUser.AccessDeniedException("that user is outside your areas");
        return user;
    }

    private void checkScope(GridUser admin, AccessScope scope) {
        if (!admin.scope().contains(scope)) throw new CurrentUser.AccessDeniedException("you can only hand out areas of your own");
        if (scope.isCity()) return;
        if (scope.codes().isEmpty()) throw new ProblemException("problem.user.noArea", "choose at least one area");
        int known = queries.knownAreas(scope);
        if (known != scope.codes().size()) throw new ProblemException("problem.user.unknownArea", "some of the areas do not exist");
    }

    /** At least 10 characters with letters and digits; nothing more exotic (NIST SP 800-63B leans on length). */
    public static void checkStrength(String password) {
        if (password == null || password.length() < 10 || !password.matches(".*\\p{L}.*") || !password.matches(".*\\d.*")) {
            throw new ProblemException("problem.user.password", "a password needs at least 10 characters, with letters and digits", 10);
        }
    }
}
